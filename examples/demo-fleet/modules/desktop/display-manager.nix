# Display manager selection (features.desktop.displayManager).
{ config, lib, ... }:
let
  inherit (lib) mkIf;
  cfg = config.features.desktop;
in
{
  config = mkIf cfg.enable {
    assertions = [
      {
        # Somebody always turns on gdm "just to try" on a host that already has sddm.
        assertion = !(config.services.displayManager.sddm.enable && config.services.displayManager.gdm.enable);
        message = "Both SDDM and GDM are enabled on ${config.networking.hostName}; set features.desktop.displayManager to exactly one.";
      }
      {
        assertion = cfg.displayManager == "none" -> cfg.environment == "hyprland";
        message = "features.desktop.displayManager = \"none\" only works with Hyprland (started from the TTY via uwsm).";
      }
    ];

    services.displayManager.sddm = mkIf (cfg.displayManager == "sddm") {
      enable = true;
      wayland.enable = cfg.wayland;
    };
    services.displayManager.gdm = mkIf (cfg.displayManager == "gdm") {
      enable = true;
      inherit (cfg) wayland;
    };

    services.xserver.xkb.layout = "us";
  };
}
