# Workstation host type: desktop, development, containers.
{ lib }:
{
  imports = [
    ../modules/features.nix
    ../modules/common/base.nix
    ../modules/common/users.nix
    ../modules/security/hardening.nix
    ../modules/security/ssh.nix
    ../modules/networking/tailscale.nix
    ../modules/monitoring/node-exporter.nix
    ../modules/desktop/hyprland.nix
    ../modules/desktop/plasma.nix
    ../modules/desktop/display-manager.nix
    ../modules/desktop/audio.nix
    ../modules/development/languages.nix
    ../modules/programs/cli-tools.nix
    ../modules/virtualization/docker.nix
    ../modules/virtualization/podman.nix
  ];

  config = {
    features.desktop.enable = lib.mkDefault true;
    features.development.enable = lib.mkDefault true;
    features.tailscale.enable = lib.mkDefault true;
    modules.desktop.audio.enable = lib.mkDefault true;

    # Weekly TRIM and compressed swap for every workstation.
    services.fstrim.enable = lib.mkDefault true;
    zramSwap.enable = lib.mkDefault true;
    services.fwupd.enable = lib.mkDefault true;
  };
}
