# Prometheus server (dex5550). Scrapes every host over the tailnet.
{ config, lib, fleetLib, ... }:
let
  inherit (lib) mkOption mkEnableOption mkIf types;
  cfg = config.features.prometheus;
  nodePort = toString config.features.nodeExporter.port;
  # Laptops sleep; they get their own job with a longer alert delay (see dex5550).
  alwaysOn = lib.filterAttrs (_: role: role != "laptop") fleetLib.hosts;
  nodeTargets = map (h: "${fleetLib.tailnetName h}:${nodePort}") (builtins.attrNames alwaysOn);
in
{
  options.features.prometheus = {
    enable = mkEnableOption "the Prometheus server";
    port = mkOption {
      type = types.port;
      default = 9090;
      description = "Port for the Prometheus web UI and API.";
    };
    retention = mkOption {
      type = types.str;
      default = "30d";
      description = "How long to keep samples (Prometheus --storage.tsdb.retention.time).";
    };
  };

  config = mkIf cfg.enable {
    services.prometheus = {
      enable = true;
      inherit (cfg) port;
      retentionTime = cfg.retention;
      globalConfig = {
        scrape_interval = "30s";
        evaluation_interval = "30s";
      };
      scrapeConfigs = [
        {
          job_name = "node";
          static_configs = [ { targets = nodeTargets; } ];
        }
        {
          job_name = "prometheus";
          static_configs = [ { targets = [ "localhost:${toString cfg.port}" ]; } ];
        }
      ];
    };
  };
}
