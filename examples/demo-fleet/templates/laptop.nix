# Laptop host type: a workstation that sleeps, roams and runs on battery.
{ lib }:
let in
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
    ../modules/desktop/display-manager.nix
    ../modules/desktop/audio.nix
    ../modules/development/languages.nix
    ../modules/programs/cli-tools.nix
  ];

  config = {
    features.desktop.enable = lib.mkDefault true;
    features.desktop.bluetooth = lib.mkDefault true;
    features.tailscale.enable = lib.mkDefault true;
    modules.desktop.audio.enable = lib.mkDefault true;

    networking.networkmanager.enable = lib.mkDefault true;
    services.fstrim.enable = lib.mkDefault true;
    zramSwap.enable = lib.mkDefault true;
    services.upower.enable = lib.mkDefault true;
    services.thermald.enable = lib.mkDefault true;
  };
}
