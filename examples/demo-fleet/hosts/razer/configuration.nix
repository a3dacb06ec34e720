# ============================================================================
#  razer -- Razer Blade 15 (2022)
#  Intel i7-12800H, 32 GB, RTX 3070 Ti Laptop (PRIME offload)
#
#  Role: travel laptop. Same desktop as p620, lighter dev setup, games on the
#  dGPU through `gpu-run` / `nvidia-offload`. Deploys from p620 when on the
#  tailnet, `just switch razer` locally when not.
# ============================================================================
{
  config,
  lib,
  pkgs,
  inputs,
  ...
}:
let
  vars = import ./variables.nix { };
  hostTypes = import ../../templates { inherit lib; };
in
{
  imports = hostTypes.laptop.imports ++ [
    ./hardware-configuration.nix
    ./nixos/prime.nix
    ./nixos/scripts.nix

    ../../modules/hardware/intel.nix
    ../../modules/hardware/nvidia.nix
    ../../modules/gaming/steam.nix
    ../../modules/programs/ai
    ../../modules/virtualization/podman.nix

    inputs.nixos-hardware.nixosModules.common-cpu-intel
    inputs.nixos-hardware.nixosModules.common-pc-laptop
    inputs.nixos-hardware.nixosModules.common-pc-laptop-ssd
  ];

  _module.args.vars = vars;

  # --- Features (dotted style; easier to grep on the phone) -------------------
  features.desktop.enable = true;
  features.desktop.environment = "hyprland";
  features.desktop.displayManager = "sddm";
  features.desktop.bluetooth = true;

  features.development.enable = true;
  features.development.python = true;
  features.development.go = true;
  features.development.rust = lib.mkDefault true;
  features.development.nodejs = true;
  features.development.vscode = true;

  # Games only make sense with a desktop session.
  features.gaming.enable = config.features.desktop.enable;
  features.gaming.steam = true;
  features.gaming.gamemode = true;

  # AI CLIs yes; a local Ollama no (battery). Enabling features.ai.ollama here
  # would also need ../../modules/services/ollama.nix in the imports above.
  features.ai.enable = true;
  features.ai.claude = true;
  features.ai.gemini = true;

  features.virtualization.enable = true;
  features.virtualization.podman = true;

  features.tailscale.enable = true;
  features.tailscale.acceptRoutes = true;

  # Node exporter on a laptop: scrape fails when it sleeps and pages me.
  features.nodeExporter.enable = lib.mkForce false;

  # --- Hardware ----------------------------------------------------------------
  modules.hardware.intel.enable = true;
  modules.hardware.intel.vaapi = true;
  # modules.hardware.nvidia.* lives in ./nixos/prime.nix.

  services.xserver.videoDrivers = vars.hardwareProfile.videoDrivers;

  hardware.enableRedistributableFirmware = true;

  # Razer keyboard backlight and fan profiles.
  hardware.openrazer = {
    enable = true;
    users = [ "alex" ];
    batteryNotifier.enable = true;
  };

  # Battery: TLP instead of power-profiles-daemon (Plasma enables the latter).
  services.power-profiles-daemon.enable = false;
  services.tlp = {
    enable = true;
    settings = {
      CPU_SCALING_GOVERNOR_ON_AC = "performance";
      CPU_SCALING_GOVERNOR_ON_BAT = "powersave";
      CPU_ENERGY_PERF_POLICY_ON_BAT = "balance_power";
      RUNTIME_PM_ON_BAT = "auto";
      # The Blade's battery swells if kept at 100 %.
      START_CHARGE_THRESH_BAT0 = 50;
      STOP_CHARGE_THRESH_BAT0 = 80;
    };
  };

  services.logind.settings.Login = {
    HandleLidSwitch = "suspend";
    HandleLidSwitchExternalPower = "lock";
    HandleLidSwitchDocked = "ignore";
  };

  # --- Boot --------------------------------------------------------------------
  boot.loader.systemd-boot.enable = true;
  boot.loader.efi.canTouchEfiVariables = true;
  boot.kernelPackages = pkgs.linuxPackages_6_12;
  boot.kernelParams = [
    "quiet"
    # s2idle drains the battery overnight on this model; deep works.
    "mem_sleep_default=deep"
    "nvidia.NVreg_PreserveVideoMemoryAllocations=1"
  ];
  boot.initrd.luks.devices.cryptroot.device = "/dev/disk/by-uuid/00000000-fake-4000-8000-0000000c000a";

  # --- Networking --------------------------------------------------------------
  networking.hostName = vars.hostName;
  networking.networkmanager = {
    enable = true;
    wifi.backend = "iwd";
    wifi.powersave = true;
  };

  networking.firewall.enable = true;

  # --- Nix -----------------------------------------------------------------------
  # Hyprland from the cachix cache when the flake input is ahead of nixpkgs.
  nix.settings.substituters = [ "https://hyprland.cachix.org" ];
  nix.settings.max-jobs = 4;

  # --- Users / home ----------------------------------------------------------------
  users.users.alex.extraGroups = [ "openrazer" ];

  home-manager.users.alex = {
    wayland.windowManager.hyprland = {
      enable = true;
      package = null;
      portalPackage = null;
      settings = {
        monitor = [ "eDP-1,2560x1440@165,0x0,1.25" ];
        input.touchpad.natural_scroll = true;
        "$mod" = "SUPER";
        bind = [
          "$mod, Return, exec, kitty"
          "$mod, D, exec, wofi --show drun"
          "$mod, Q, killactive"
        ];
      };
    };
  };

  environment.systemPackages = [
    pkgs.polychromatic
    pkgs.brightnessctl
  ];

  # Travels: timezone follows geolocation instead of vars.timeZone.
  services.automatic-timezoned.enable = true;

  system.stateVersion = vars.stateVersion;
}
