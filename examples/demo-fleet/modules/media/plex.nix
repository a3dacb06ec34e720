# Plex Media Server.
{ config, lib, ... }:
let
  inherit (lib) mkOption mkEnableOption mkIf types;
  cfg = config.features.plex;
in
{
  options.features.plex = {
    enable = mkEnableOption "Plex Media Server";
    openFirewall = mkOption {
      type = types.bool;
      default = false;
      description = "Open Plex's ports on all interfaces (needed for LAN clients such as the TV).";
    };
  };

  config = mkIf cfg.enable {
    services.plex = {
      enable = true;
      inherit (cfg) openFirewall;
      dataDir = "/var/lib/plex";
      group = "media";
    };
    users.groups.media = { };
  };
}
