# Prometheus node exporter on every host; dex5550 scrapes it over the tailnet.
{ config, lib, ... }:
let
  inherit (lib) mkOption mkIf types;
  cfg = config.features.nodeExporter;
in
{
  options.features.nodeExporter = {
    enable = mkOption {
      type = types.bool;
      default = true;
      description = "Run the Prometheus node exporter (and the systemd exporter collector).";
    };
    port = mkOption {
      type = types.port;
      default = 9100;
      description = "Port the node exporter listens on. Only open on tailscale0.";
    };
  };

  config = mkIf cfg.enable {
    services.prometheus.exporters.node = {
      enable = true;
      inherit (cfg) port;
      enabledCollectors = [
        "systemd"
        "processes"
        "textfile"
      ];
      extraFlags = [ "--collector.textfile.directory=/var/lib/node-exporter" ];
      # Reachable through the trusted tailscale0 interface; nothing on the LAN.
      openFirewall = false;
    };
    systemd.tmpfiles.rules = [ "d /var/lib/node-exporter 0755 root root -" ];
  };
}
