# Host facts for p510. Plain data; imported with `import ./variables.nix { }`.
{ ... }:
{
  hostName = "p510";
  role = "server";
  isWorkstation = false;
  cpuProfile = import ../../hardware-profiles/intel.nix;
  hardwareProfile = import ../../hardware-profiles/nvidia.nix;
  stateVersion = "23.11";
  timeZone = "Europe/Amsterdam";
  lanAddress = "192.168.1.10";
  mediaRoot = "/mnt/media";
}
