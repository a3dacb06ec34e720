# The one human user of the fleet, plus the home-manager hookup.
{ config, pkgs, inputs, ... }:
{
  age.secrets.user-password.file = ../../secrets/user-password.age;

  users.mutableUsers = false;
  users.users.alex = {
    isNormalUser = true;
    description = "Alex (fleet owner)";
    extraGroups = [
      "wheel"
      "networkmanager"
      "video"
      "audio"
    ];
    shell = pkgs.zsh;
    hashedPasswordFile = config.age.secrets.user-password.path;
    openssh.authorizedKeys.keys = [
      "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKE alex@p620"
      "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKE alex@razer"
    ];
  };

  # Deploys run `nixos-rebuild --sudo` as alex over SSH.
  security.sudo.wheelNeedsPassword = false;

  home-manager = {
    useGlobalPkgs = true;
    useUserPackages = true;
    backupFileExtension = "hm-backup";
    extraSpecialArgs = { inherit inputs; };
    users.alex = import ../../home/alex.nix;
  };
}
