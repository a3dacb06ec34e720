# Grafana with Prometheus provisioned as the default data source.
{ config, lib, ... }:
let
  inherit (lib) mkOption mkEnableOption mkIf types;
  cfg = config.features.grafana;
in
{
  options.features.grafana = {
    enable = mkEnableOption "Grafana dashboards";
    port = mkOption {
      type = types.port;
      default = 3000;
      description = "Port Grafana listens on.";
    };
    domain = mkOption {
      type = types.str;
      default = "${config.networking.hostName}.tailnet-demo.ts.net";
      defaultText = lib.literalExpression ''"''${config.networking.hostName}.tailnet-demo.ts.net"'';
      description = "Public domain Grafana builds its links with.";
    };
  };

  config = mkIf cfg.enable {
    assertions = [
      {
        assertion = cfg.enable -> config.features.prometheus.enable;
        message = "features.grafana provisions the local Prometheus as data source; enable features.prometheus too.";
      }
    ];

    age.secrets.grafana-admin = {
      file = ../../secrets/grafana-admin.age;
      owner = "grafana";
      group = "grafana";
    };

    services.grafana = {
      enable = true;
      settings = {
        server = {
          http_addr = "0.0.0.0";
          http_port = cfg.port;
          inherit (cfg) domain;
        };
        security = {
          admin_user = "admin";
          admin_password = "$__file{${config.age.secrets.grafana-admin.path}}";
        };
        analytics.reporting_enabled = false;
      };
      provision.datasources.settings.datasources = [
        {
          name = "Prometheus";
          type = "prometheus";
          url = "http://localhost:${toString config.features.prometheus.port}";
          isDefault = true;
        }
      ];
    };
  };
}
