# Host facts for hp. Plain data; imported with `import ./variables.nix { }`.
{ ... }:
{
  hostName = "hp";
  role = "server";
  isWorkstation = false;
  hardwareProfile = import ../../hardware-profiles/intel.nix;
  stateVersion = "24.11";
  timeZone = "Europe/Amsterdam";
  lanAddress = "192.168.1.40";
}
