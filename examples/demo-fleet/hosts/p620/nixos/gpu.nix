# p620 GPU specifics: RX 7900 XTX. The generic bits live in
# modules/hardware/amd.nix; this file is what only this card needs.
{ pkgs, ... }:
{
  # LACT for fan curves and the power limit (the stock curve is too loud at idle).
  environment.systemPackages = [
    pkgs.lact
    pkgs.nvtopPackages.amd
    pkgs.radeontop
  ];
  systemd.packages = [ pkgs.lact ];
  systemd.services.lactd.wantedBy = [ "multi-user.target" ];

  # Unlock overclocking/undervolting controls in amdgpu (ppfeaturemask).
  boot.kernelParams = [ "amdgpu.ppfeaturemask=0xfff7ffff" ];

  # Hardware video decode in Firefox/mpv.
  hardware.graphics.extraPackages = [ pkgs.libva-vdpau-driver ];
  environment.sessionVariables.LIBVA_DRIVER_NAME = "radeonsi";
}
