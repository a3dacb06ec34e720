# KDE Plasma 6 fallback session (features.desktop.environment = "plasma").
{ config, lib, pkgs, ... }:
let
  cfg = config.features.desktop;
in
{
  config = lib.mkIf (cfg.enable && cfg.environment == "plasma") {
    services.desktopManager.plasma6.enable = true;
    environment.plasma6.excludePackages = [
      pkgs.kdePackages.elisa
      pkgs.kdePackages.khelpcenter
    ];
    programs.kdeconnect.enable = true;
    hardware.bluetooth.enable = cfg.bluetooth;
  };
}
