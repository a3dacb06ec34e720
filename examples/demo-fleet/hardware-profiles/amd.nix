# Data-only hardware profile, imported from a host's variables.nix.
{
  cpu = "amd";
  gpu = "amd";
  acceleration = "rocm";
  videoDrivers = [ "amdgpu" ];
  kernelModules = [ "kvm-amd" ];
  # gfx1100 (RX 7900 XTX); ROCm needs the override for some runtimes.
  rocmGfxOverride = "11.0.0";
}
