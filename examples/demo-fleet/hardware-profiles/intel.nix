# Data-only hardware profile, imported from a host's variables.nix.
{
  cpu = "intel";
  gpu = "intel";
  acceleration = "none";
  videoDrivers = [ "modesetting" ];
  kernelModules = [ "kvm-intel" ];
  vaapiDriver = "iHD";
}
