# MicroVM host support (development VMs, the k3s test cluster).
{ config, lib, inputs, ... }:
let
  inherit (lib) mkOption mkEnableOption mkIf types;
  cfg = config.features.microvm;
in
{
  imports = [ inputs.microvm.nixosModules.host ];

  options.features.microvm = {
    enable = mkEnableOption "the microvm.nix host";
    autostart = mkOption {
      type = types.bool;
      default = false;
    };
    vms = mkOption {
      type = types.listOf types.str;
      default = [ ];
      example = [ "devbox" "k3s-server" ];
      description = "Names of microVMs (defined under microvm.vms) to start at boot when autostart is on.";
    };
  };

  config = mkIf cfg.enable {
    assertions = [
      {
        assertion = config.features.virtualization.enable;
        message = "features.microvm needs KVM: set features.virtualization.enable = true.";
      }
    ];

    microvm.host.enable = true;
    microvm.autostart = lib.optionals cfg.autostart cfg.vms;

    systemd.network.enable = true;
    systemd.network.netdevs."10-microvm".netdevConfig = {
      Kind = "bridge";
      Name = "microvm";
    };
    systemd.network.networks."10-microvm" = {
      matchConfig.Name = "microvm";
      addresses = [ { Address = "10.100.0.1/24"; } ];
    };
    networking.nat = {
      enable = true;
      internalInterfaces = [ "microvm" ];
    };
  };
}
