# Settings every host shares: Nix itself, locale, boot defaults, base packages.
{ lib, pkgs, inputs, ... }:
{
  nix = {
    settings = {
      experimental-features = [
        "nix-command"
        "flakes"
      ];
      auto-optimise-store = true;
      trusted-users = [
        "root"
        "@wheel"
      ];
      # p620 serves its store over nix-serve on the tailnet (features.binaryCache).
      # Every cache listed here has its key below; keep the two lists in step.
      substituters = [
        "https://cache.nixos.org"
        "https://nix-community.cachix.org"
        "http://p620.tailnet-demo.ts.net:5000"
      ];
      trusted-public-keys = [
        "cache.nixos.org-1:6NCHdD59X431o0gWypbMrAURkbJ16ZPMQFGspcDShjY="
        "nix-community.cachix.org-1:mB9FSh9qf2dCimDSUo8Zy7bkq5CX+/rkCWyvRCYg3Fs="
        "p620-cache:FAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKE="
      ];
      connect-timeout = 5;
      fallback = true;
    };

    gc = {
      automatic = true;
      dates = "weekly";
      options = "--delete-older-than 30d";
    };
    optimise.automatic = true;

    # `nix run nixpkgs#foo` uses the same nixpkgs as the system.
    registry.nixpkgs.flake = inputs.nixpkgs;
    nixPath = [ "nixpkgs=${inputs.nixpkgs}" ];
  };

  nixpkgs.config.allowUnfree = true;

  time.timeZone = lib.mkDefault "Europe/Amsterdam";
  i18n.defaultLocale = "en_US.UTF-8";
  i18n.extraLocaleSettings = {
    LC_TIME = "en_GB.UTF-8";
    LC_MEASUREMENT = "en_GB.UTF-8";
  };
  console.keyMap = lib.mkDefault "us";

  boot.loader.systemd-boot.configurationLimit = lib.mkDefault 10;
  boot.tmp.cleanOnBoot = true;

  # Only tools an admin needs on a broken box; user apps go through home-manager.
  environment.systemPackages = with pkgs; [
    git
    curl
    pciutils
    usbutils
    lsof
    fleet-health
  ];

  programs.zsh.enable = true;
  services.journald.extraConfig = "SystemMaxUse=1G";
}
