# Hyprland session (features.desktop.environment = "hyprland").
{ config, lib, pkgs, ... }:
let
  inherit (lib) mkIf;
  cfg = config.features.desktop;
in
{
  config = mkIf (cfg.enable && cfg.environment == "hyprland") {
    programs.hyprland = {
      enable = true;
      withUWSM = true;
      xwayland.enable = mkIf cfg.enable true;
    };

    xdg.portal = {
      enable = true;
      extraPortals = [ pkgs.xdg-desktop-portal-gtk ];
    };

    environment.sessionVariables = mkIf cfg.wayland { NIXOS_OZONE_WL = "1"; };

    security.pam.services.hyprlock = { };
    services.gnome.gnome-keyring.enable = true;
    programs.seahorse.enable = true;

    fonts.packages = [
      pkgs.nerd-fonts.jetbrains-mono
      pkgs.noto-fonts
      pkgs.noto-fonts-color-emoji
    ];

    environment.systemPackages = [
      pkgs.waybar
      pkgs.wofi
      pkgs.mako
      pkgs.hyprlock
      pkgs.hypridle
      pkgs.grim
      pkgs.slurp
      pkgs.wl-clipboard
    ];

    hardware.bluetooth.enable = cfg.bluetooth;
    services.blueman.enable = cfg.bluetooth;
  };
}
