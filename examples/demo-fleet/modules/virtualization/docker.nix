# Docker. Older namespace (modules.containers.docker) from before features.*.
{ config, lib, ... }:
let
  inherit (lib) mkOption mkEnableOption mkIf types;
  cfg = config.modules.containers.docker;
in
{
  options.modules.containers.docker = {
    enable = mkEnableOption "the Docker daemon";
    rootless = mkEnableOption "rootless Docker for the desktop user instead of the system daemon socket";
    storageDriver = mkOption {
      type = types.enum [
        "overlay2"
        "btrfs"
        "zfs"
      ];
      default = "overlay2";
      description = "Docker storage driver; must match the filesystem under /var/lib/docker.";
    };
  };

  config = mkIf cfg.enable {
    virtualisation.docker = {
      enable = true;
      inherit (cfg) storageDriver;
      autoPrune = {
        enable = true;
        dates = "weekly";
        flags = [ "--all" ];
      };
      rootless = mkIf cfg.rootless {
        enable = true;
        setSocketVariable = true;
      };
    };
    users.users.alex.extraGroups = lib.optional (!cfg.rootless) "docker";
  };
}
