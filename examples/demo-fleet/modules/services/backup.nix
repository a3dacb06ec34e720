# Nightly restic backups to the NAS share on p510.
{ config, lib, ... }:
let
  inherit (lib) mkOption mkEnableOption mkIf types;
  cfg = config.features.backup;
in
{
  options.features.backup = {
    enable = mkEnableOption "nightly restic backups of /home and /etc/nixos";
    repository = mkOption {
      type = types.str;
      default = "sftp:backup@p510.tailnet-demo.ts.net:/srv/backup/${config.networking.hostName}";
      defaultText = lib.literalExpression ''"sftp:backup@p510.tailnet-demo.ts.net:/srv/backup/''${config.networking.hostName}"'';
      description = "restic repository URL.";
    };
    paths = mkOption {
      type = types.listOf types.str;
      default = [ "/home" ];
      description = "Paths to back up.";
    };
  };

  config = mkIf cfg.enable {
    age.secrets.restic-password.file = ../../secrets/restic-password.age;

    services.restic.backups.nightly = {
      inherit (cfg) repository paths;
      initialize = true;
      passwordFile = config.age.secrets.restic-password.path;
      exclude = [
        "/home/*/.cache"
        "/home/*/Downloads"
        "**/node_modules"
        "**/target"
      ];
      timerConfig = {
        OnCalendar = "02:30";
        RandomizedDelaySec = "30m";
        Persistent = true;
      };
      pruneOpts = [
        "--keep-daily 7"
        "--keep-weekly 5"
        "--keep-monthly 12"
      ];
    };
  };
}
