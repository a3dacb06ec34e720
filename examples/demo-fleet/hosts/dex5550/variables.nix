# Host facts for dex5550. Plain data; imported with `import ./variables.nix { }`.
{ ... }:
{
  hostName = "dex5550";
  role = "monitoring";
  isWorkstation = false;
  hardwareProfile = import ../../hardware-profiles/intel.nix;
  stateVersion = "24.05";
  timeZone = "Europe/Amsterdam";
  lanAddress = "192.168.1.30";
  alertEmail = "alerts@example.org";
}
