# dex5550 alert rules and the extra scrape jobs that only make sense here.
{ config, fleetLib, ... }:
let
  tn = fleetLib.tailnetName;
in
{
  services.prometheus.scrapeConfigs = [
    # razer has its exporter off (features.nodeExporter.enable = mkForce false).
    {
      job_name = "laptops";
      scrape_interval = "2m";
      static_configs = [ { targets = [ "samsung.tailnet-demo.ts.net:9100" ]; } ];
    }
    {
      job_name = "ollama";
      metrics_path = "/metrics";
      static_configs = [ { targets = [ "${tn "p620"}:11434" ]; } ];
    }
    {
      job_name = "nix-serve";
      metrics_path = "/nix-cache-info";
      static_configs = [ { targets = [ "${tn "p620"}:5000" ]; } ];
    }
    {
      job_name = "grafana";
      static_configs = [ { targets = [ "localhost:${toString config.features.grafana.port}" ]; } ];
    }
  ];

  services.prometheus.rules = [
    (builtins.toJSON {
      groups = [
        {
          name = "fleet";
          rules = [
            {
              alert = "HostDown";
              expr = ''up{job="node"} == 0'';
              "for" = "5m";
              labels.severity = "critical";
              annotations.summary = "{{ $labels.instance }} is not answering on the tailnet";
            }
            {
              alert = "DiskAlmostFull";
              expr = ''(node_filesystem_avail_bytes{fstype!~"tmpfs|ramfs"} / node_filesystem_size_bytes) < 0.10'';
              "for" = "15m";
              labels.severity = "warning";
              annotations.summary = "{{ $labels.instance }} {{ $labels.mountpoint }} below 10% free";
            }
            {
              alert = "SystemdUnitFailed";
              expr = ''node_systemd_unit_state{state="failed"} == 1'';
              "for" = "10m";
              labels.severity = "warning";
              annotations.summary = "{{ $labels.name }} failed on {{ $labels.instance }}";
            }
            {
              alert = "NixStoreHuge";
              expr = ''node_filesystem_avail_bytes{mountpoint="/"} < 20e9'';
              "for" = "1h";
              labels.severity = "info";
              annotations.summary = "Run `just gc {{ $labels.instance }}`";
            }
          ];
        }
      ];
    })
  ];
}
