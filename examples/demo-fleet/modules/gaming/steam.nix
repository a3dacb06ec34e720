# Implements features.gaming.* (declared in modules/features.nix).
# Imported by p620 and razer only.
{ config, lib, pkgs, ... }:
let
  inherit (lib) mkIf;
  cfg = config.features.gaming;
in
{
  config = mkIf cfg.enable {
    assertions = [
      {
        assertion = cfg.steam -> config.features.desktop.enable;
        message = "features.gaming.steam needs a desktop session (features.desktop.enable).";
      }
    ];

    programs.steam = mkIf cfg.steam {
      enable = true;
      remotePlay.openFirewall = true;
      localNetworkGameTransfers.openFirewall = true;
      gamescopeSession.enable = true;
      extraCompatPackages = [ pkgs.proton-ge-bin ];
    };
    programs.gamescope.enable = cfg.steam;

    programs.gamemode = mkIf cfg.gamemode {
      enable = true;
      settings.general.renice = 10;
    };

    hardware.steam-hardware.enable = cfg.steam;
  };
}
