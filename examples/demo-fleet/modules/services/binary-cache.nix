# nix-serve on p620 so the other hosts pull what the workstation already built.
{ config, lib, ... }:
let
  inherit (lib) mkOption mkEnableOption mkIf types;
  cfg = config.features.binaryCache;
in
{
  options.features.binaryCache = {
    enable = mkEnableOption "serving this host's Nix store as a binary cache over the tailnet";
    port = mkOption {
      type = types.port;
      default = 5000;
      description = "nix-serve port (tailnet only).";
    };
  };

  config = mkIf cfg.enable {
    age.secrets.nix-serve-key.file = ../../secrets/nix-serve-key.age;

    services.nix-serve = {
      enable = true;
      inherit (cfg) port;
      bindAddress = "0.0.0.0";
      secretKeyFile = config.age.secrets.nix-serve-key.path;
    };
    networking.firewall.interfaces."tailscale0".allowedTCPPorts = [ cfg.port ];
  };
}
