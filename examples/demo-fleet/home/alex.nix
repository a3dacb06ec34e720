# Home-manager configuration for alex, shared by every host.
{ pkgs, osConfig, ... }:
{
  home.username = "alex";
  home.homeDirectory = "/home/alex";
  home.stateVersion = "25.05";

  programs.git = {
    enable = true;
    userName = "Alex Example";
    userEmail = "alex@example.org";
    extraConfig = {
      init.defaultBranch = "main";
      pull.rebase = true;
      push.autoSetupRemote = true;
    };
  };

  programs.zsh = {
    enable = true;
    autosuggestion.enable = true;
    syntaxHighlighting.enable = true;
    shellAliases = {
      rebuild = "sudo nixos-rebuild switch --flake ~/fleet#${osConfig.networking.hostName}";
      ll = "eza -l --git";
    };
  };

  programs.starship.enable = true;
  programs.direnv = {
    enable = true;
    nix-direnv.enable = true;
  };
  programs.tmux = {
    enable = true;
    clock24 = true;
    terminal = "tmux-256color";
  };
  programs.zellij.enable = true;

  home.packages = with pkgs; [
    eza
    jq
    tldr
    dust
    yq-go
    bat
  ];
}
