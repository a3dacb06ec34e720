# ============================================================================
#  dex5550 -- Dell OptiPlex 5550 Micro
#  Intel i5-10500T, 16 GB, 512 GB NVMe
#
#  Role: monitoring. Prometheus scrapes every host over the tailnet, Grafana
#  draws it, Alertmanager mails/pushes. Nothing else runs here so that it
#  stays up when the rest of the fleet does not.
#
#  This is the one host that takes the server template as a whole module, so
#  the template's `config` defaults (no sleep targets, fail2ban, fstrim, ...)
#  really apply here.
# ============================================================================
{ config, lib, pkgs, inputs, ... }:
let
  vars = import ./variables.nix { };
  hostTypes = import ../../templates { inherit lib; };
in
{
  imports = [
    hostTypes.server
    ./hardware-configuration.nix
    ./nixos/monitoring.nix
    ./nixos/alerting.nix

    ../../modules/hardware/intel.nix
    ../../modules/monitoring/prometheus.nix
    ../../modules/monitoring/grafana.nix
    ../../modules/monitoring/alertmanager.nix

    inputs.nixos-hardware.nixosModules.common-cpu-intel
    inputs.nixos-hardware.nixosModules.common-pc-ssd
  ];

  _module.args.vars = vars;

  features = {
    prometheus = {
      enable = true;
      # 16 GB RAM, 512 GB disk: 90 days of 30 s samples for six hosts fits.
      retention = "90d";
    };
    grafana = {
      enable = true;
      port = 3000;
      domain = "grafana.tailnet-demo.ts.net";
    };
    alertmanager.enable = true;
  };
  features.security.auditd = true;
  features.tailscale.ssh = true;

  modules.hardware.intel.enable = true;
  modules.hardware.intel.vaapi = false; # headless

  # Docker comes with the server template's imports; nothing here uses it.
  modules.containers.docker.enable = false;

  # Grafana and Prometheus UIs: tailnet only.
  networking.firewall.interfaces."tailscale0".allowedTCPPorts = [
    config.features.prometheus.port
    config.features.grafana.port
    config.features.alertmanager.port
  ];

  boot.loader.systemd-boot.enable = true;
  boot.loader.efi.canTouchEfiVariables = true;
  boot.kernelPackages = pkgs.linuxPackages_6_12;

  networking.hostName = vars.hostName;
  networking.useNetworkd = true;
  systemd.network.networks."10-lan" = {
    matchConfig.Name = "eno1";
    address = [ "${vars.lanAddress}/24" ];
    gateway = [ "192.168.1.1" ];
    dns = [ "192.168.1.1" ];
  };
  networking.firewall.enable = true;

  # Monitoring must survive everything: reboot on a hard hang.
  systemd.watchdog.runtimeTime = "30s";
  systemd.watchdog.rebootTime = "5min";

  # Probe the other hosts' health endpoints once a minute.
  services.prometheus.exporters.blackbox = {
    enable = true;
    configFile = pkgs.writeText "blackbox.yml" (
      builtins.toJSON {
        modules.icmp = {
          prober = "icmp";
          timeout = "5s";
        };
      }
    );
  };

  time.timeZone = vars.timeZone;
  system.stateVersion = vars.stateVersion;
}
