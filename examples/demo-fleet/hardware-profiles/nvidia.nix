# Data-only hardware profile, imported from a host's variables.nix.
{
  gpu = "nvidia";
  acceleration = "cuda";
  videoDrivers = [ "nvidia" ];
  # "offload" on hybrid laptops, "none" on desktops/servers with one GPU.
  prime = "none";
  openKernelModule = false;
}
