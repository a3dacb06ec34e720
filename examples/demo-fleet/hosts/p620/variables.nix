# Host facts for p620. Plain data; imported with `import ./variables.nix { }`.
{ ... }:
{
  hostName = "p620";
  role = "workstation";
  isWorkstation = true;
  hardwareProfile = import ../../hardware-profiles/amd.nix;
  stateVersion = "24.05";
  timeZone = "Europe/Amsterdam";
  lanAddress = "192.168.1.20";
  # p620 is the build host for every remote deploy (see Justfile).
  buildHost = true;
  monitors = [
    "DP-1,3840x2160@144,0x0,1.5"
    "DP-2,2560x1440@60,2560x0,1"
  ];
}
