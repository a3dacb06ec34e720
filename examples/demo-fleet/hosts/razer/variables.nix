# Host facts for razer. Plain data; imported with `import ./variables.nix { }`.
{ ... }:
{
  hostName = "razer";
  role = "laptop";
  isWorkstation = true;
  cpuProfile = import ../../hardware-profiles/intel.nix;
  hardwareProfile = (import ../../hardware-profiles/nvidia.nix) // {
    prime = "offload";
  };
  # From `lspci | grep -E 'VGA|3D'`: 00:02.0 Intel, 01:00.0 NVIDIA.
  intelBusId = "PCI:0:2:0";
  nvidiaBusId = "PCI:1:0:0";
  stateVersion = "24.11";
  timeZone = "Europe/Amsterdam";
}
