# Server host type: headless, hardened, monitored.
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
    ../modules/programs/cli-tools.nix
    ../modules/virtualization/docker.nix
  ];

  config = {
    features.tailscale.enable = lib.mkDefault true;
    features.security.fail2ban = lib.mkDefault true;
    features.desktop.enable = lib.mkDefault false;

    # Servers never sleep and never show a GUI.
    systemd.targets.sleep.enable = lib.mkDefault false;
    systemd.targets.suspend.enable = lib.mkDefault false;
    systemd.targets.hibernate.enable = lib.mkDefault false;
    documentation.nixos.enable = lib.mkDefault false;
    services.fstrim.enable = lib.mkDefault true;
  };
}
