# razer: Intel iGPU drives the panel, RTX 3070 Ti on demand (PRIME offload).
{ vars, ... }:
{
  modules.hardware.nvidia = {
    enable = true;
    inherit (vars.hardwareProfile) prime;
    open = true; # Ampere: the open module is fine and suspends more reliably.
    inherit (vars) intelBusId nvidiaBusId;
  };

  # Keep the dGPU asleep unless something asks for it.
  services.udev.extraRules = ''
    ACTION=="bind", SUBSYSTEM=="pci", ATTR{vendor}=="0x10de", ATTR{class}=="0x030000", TEST=="power/control", ATTR{power/control}="auto"
  '';
}
