# Alertmanager next to Prometheus. Receivers come from the host (dex5550).
{ config, lib, ... }:
let
  inherit (lib) mkOption mkEnableOption mkIf types;
  cfg = config.features.alertmanager;
in
{
  options.features.alertmanager = {
    enable = mkEnableOption "Prometheus Alertmanager";
    port = mkOption {
      type = types.port;
      default = 9093;
      description = "Port Alertmanager listens on.";
    };
  };

  config = mkIf cfg.enable {
    assertions = [
      {
        assertion = cfg.enable -> config.features.prometheus.enable;
        message = "features.alertmanager is wired to the local Prometheus; enable features.prometheus.";
      }
    ];

    age.secrets.alertmanager-env.file = ../../secrets/alertmanager-env.age;

    services.prometheus.alertmanager = {
      enable = true;
      inherit (cfg) port;
      environmentFile = config.age.secrets.alertmanager-env.path;
    };

    services.prometheus.alertmanagers = [
      { static_configs = [ { targets = [ "localhost:${toString cfg.port}" ]; } ]; }
    ];
  };
}
