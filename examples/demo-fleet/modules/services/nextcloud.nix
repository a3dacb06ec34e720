# Nextcloud, from the oldnas days. No host imports this any more; kept
# "in case we move files off Syncthing".
{ config, lib, pkgs, ... }:
let
  inherit (lib) mkOption mkEnableOption mkIf types;
  cfg = config.features.nextcloud;
in
{
  options.features.nextcloud = {
    enable = mkEnableOption "Nextcloud";
    hostName = mkOption {
      type = types.str;
      default = "cloud.tailnet-demo.ts.net";
      description = "Virtual host name Nextcloud answers on.";
    };
  };

  config = mkIf cfg.enable {
    age.secrets.nextcloud-admin = {
      file = ../../secrets/nextcloud-admin.age;
      owner = "nextcloud";
    };
    services.nextcloud = {
      enable = true;
      package = pkgs.nextcloud31;
      inherit (cfg) hostName;
      config = {
        adminpassFile = config.age.secrets.nextcloud-admin.path;
        dbtype = "pgsql";
      };
      database.createLocally = true;
    };
  };
}
