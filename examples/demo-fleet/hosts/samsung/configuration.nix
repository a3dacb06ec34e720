# ============================================================================
#  samsung -- Samsung Galaxy Book (2020)
#  Intel i5-10210U, 8 GB, Intel UHD graphics
#
#  Role: the kitchen/sofa laptop. Browser, notes, SSH into the others.
#  Deliberately light: no gaming, no AI tools, no containers.
# ============================================================================
{
  lib,
  pkgs,
  inputs,
  ...
}:
let
  vars = import ./variables.nix { };
  hostTypes = import ../../templates { inherit lib; };
  hw = vars.hardwareProfile;
  # Pinned while the i915 regression in 6.13 was open; keep until 6.12 is EOL.
  fallbackKernel = pkgs.linuxPackages_6_6;
in
{
  imports = hostTypes.laptop.imports ++ [
    ./hardware-configuration.nix
    ./local.nix
    # The laptop template only brings Hyprland; Plasma is imported here.
    ../../modules/desktop/plasma.nix
    ../../modules/hardware/intel.nix
    inputs.nixos-hardware.nixosModules.common-cpu-intel
    inputs.nixos-hardware.nixosModules.common-pc-laptop
  ];

  features = {
    desktop = {
      enable = true;
      # Plasma: the touch screen works better there than in Hyprland.
      environment = "plasma";
      displayManager = "sddm";
      bluetooth = true;
    };
    development = {
      enable = true;
      python = true;
      neovim = true;
      vscode = false;
    };
    tailscale = {
      enable = true;
      acceptRoutes = true;
    };
    security.hardening = lib.mkDefault true;
  };

  modules.hardware.intel = {
    enable = hw.cpu == "intel";
    vaapi = true;
  };
  modules.desktop.audio.enable = true;

  services.xserver.videoDrivers = hw.videoDrivers;
  hardware.enableRedistributableFirmware = true;
  hardware.sensor.iio.enable = true; # screen rotation

  services.power-profiles-daemon.enable = false;
  services.tlp.enable = true;

  boot.loader.systemd-boot.enable = true;
  boot.loader.efi.canTouchEfiVariables = true;
  boot.kernelPackages = pkgs.linuxPackages_6_12;

  networking.hostName = vars.hostName;
  networking.networkmanager.enable = true;
  networking.firewall.enable = true;

  # Trimmed further than the base: only 8 GB and a 256 GB SSD.
  nix.gc.options = lib.mkForce "--delete-older-than 7d";
  boot.loader.systemd-boot.configurationLimit = 5;

  environment.systemPackages = [ pkgs.onboard ];

  time.timeZone = vars.timeZone;
  system.stateVersion = vars.stateVersion;
}
