# Jellyfin. Only p510 imports this module.
{ config, lib, pkgs, ... }:
let
  inherit (lib) mkOption mkEnableOption mkIf types;
  cfg = config.features.jellyfin;
in
{
  options.features.jellyfin = {
    enable = mkEnableOption "the Jellyfin media server";
    port = mkOption {
      type = types.port;
      default = 8096;
      description = "HTTP port Jellyfin listens on (Jellyfin's own default; the option documents it for the firewall).";
    };
  };

  config = mkIf cfg.enable {
    services.jellyfin = {
      enable = true;
      group = "media";
      openFirewall = false;
    };
    users.groups.media = { };
    networking.firewall.interfaces."tailscale0".allowedTCPPorts = [ cfg.port ];
    environment.systemPackages = [ pkgs.jellyfin-ffmpeg ];
  };
}
