# Host facts for samsung. Plain data; imported with `import ./variables.nix { }`.
{ ... }:
{
  hostName = "samsung";
  role = "laptop";
  isWorkstation = false;
  hardwareProfile = import ../../hardware-profiles/intel.nix;
  stateVersion = "24.05";
  timeZone = "Europe/Amsterdam";
}
