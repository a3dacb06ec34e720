# Implements features.virtualization.podman (declared in modules/features.nix).
{ config, lib, ... }:
let
  cfg = config.features.virtualization;
in
{
  config = lib.mkIf cfg.podman {
    assertions = [
      {
        # dockerCompat installs a `docker` shim; it cannot coexist with real Docker.
        assertion = !(config.virtualisation.docker.enable && config.virtualisation.podman.dockerCompat);
        message = "Podman's dockerCompat conflicts with Docker (modules.containers.docker.enable); pick one.";
      }
    ];

    virtualisation.podman = {
      enable = true;
      dockerCompat = lib.mkDefault (!config.virtualisation.docker.enable);
      defaultNetwork.settings.dns_enabled = true;
      autoPrune.enable = true;
    };
    virtualisation.containers.enable = true;
  };
}
