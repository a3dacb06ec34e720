# Tailscale: every host joins the tailnet; the tailnet is the trusted network.
{ config, lib, ... }:
let
  inherit (lib) mkOption mkEnableOption mkIf types;
  cfg = config.features.tailscale;
in
{
  options.features.tailscale = {
    enable = mkEnableOption "Tailscale and trust the tailscale0 interface";
    exitNode = mkEnableOption "advertising this host as a tailnet exit node";
    acceptRoutes = mkOption {
      type = types.bool;
      default = true;
      description = "Accept subnet routes advertised by other tailnet nodes.";
    };
    ssh = mkEnableOption "Tailscale SSH (in addition to OpenSSH)";
  };

  config = mkIf cfg.enable {
    age.secrets.tailscale-authkey.file = ../../secrets/tailscale-authkey.age;

    services.tailscale = {
      enable = true;
      openFirewall = true;
      authKeyFile = config.age.secrets.tailscale-authkey.path;
      useRoutingFeatures = if cfg.exitNode then "both" else "client";
      extraUpFlags =
        (if cfg.exitNode == true then [ "--advertise-exit-node" ] else [ ])
        ++ lib.optional cfg.acceptRoutes "--accept-routes"
        ++ lib.optional cfg.ssh "--ssh";
    };

    networking.firewall = {
      trustedInterfaces = [ "tailscale0" ];
      allowedUDPPorts = [ config.services.tailscale.port ];
      # Tailscale and reverse-path filtering do not get along on exit nodes.
      checkReversePath = "loose";
    };

    # MagicDNS first, then the LAN resolver.
    networking.search = [ "tailnet-demo.ts.net" ];
    systemd.services.tailscaled.after = [ "network-online.target" ];
    systemd.services.tailscaled.wants = [ "network-online.target" ];
  };
}
