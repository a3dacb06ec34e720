# The *arr stack: Sonarr, Radarr, Prowlarr, plus FlareSolverr in Docker.
{ config, lib, ... }:
let
  inherit (lib) mkEnableOption mkIf;
  cfg = config.features.arr;
in
{
  options.features.arr = {
    enable = mkEnableOption "the *arr media automation stack";
    sonarr = mkEnableOption "Sonarr (TV)";
    radarr = mkEnableOption "Radarr (films)";
    prowlarr = mkEnableOption "Prowlarr (indexers)";
  };

  config = mkIf cfg.enable {
    assertions = [
      {
        assertion = config.modules.containers.docker.enable;
        message = "features.arr runs FlareSolverr as a Docker container; set modules.containers.docker.enable = true.";
      }
      {
        assertion = config.features.jellyfin.enable || config.features.plex.enable;
        message = "features.arr without a media server (features.jellyfin or features.plex) has nothing to feed.";
      }
    ];

    services.sonarr = mkIf cfg.sonarr {
      enable = true;
      group = "media";
    };
    services.radarr = mkIf cfg.radarr {
      enable = true;
      group = "media";
    };
    services.prowlarr.enable = cfg.prowlarr;

    virtualisation.oci-containers = {
      backend = "docker";
      containers.flaresolverr = {
        image = "ghcr.io/flaresolverr/flaresolverr:v3.3.21";
        ports = [ "127.0.0.1:8191:8191" ];
        environment.LOG_LEVEL = "info";
      };
    };
  };
}
