# Central feature flags.
#
# This file only DECLARES the cross-cutting flags; the modules under
# modules/<category>/ implement them. Service modules (tailscale, prometheus,
# media, ...) declare their own `features.<name>` options next to their code.
{ lib, ... }:
let
  inherit (lib) mkOption mkEnableOption types;
in
{
  options.features = {
    development = {
      enable = mkEnableOption "the development toolchain (git, direnv, build tools)";
      python = mkEnableOption "Python 3 with uv, ruff and pyright";
      go = mkEnableOption "Go toolchain with gopls";
      rust = mkEnableOption "Rust via rustup plus rust-analyzer";
      nodejs = mkEnableOption "Node.js 22 LTS with pnpm";
      java = mkEnableOption "OpenJDK 21 and Gradle";
      lua = mkEnableOption "Lua 5.4 with luarocks and lua-language-server";
      vscode = mkEnableOption "Visual Studio Code (FHS build)";
      neovim = mkOption {
        type = types.bool;
        default = true;
        description = "Neovim as the default editor (on by default for every host with development enabled).";
      };
    };

    desktop = {
      enable = mkEnableOption "a graphical desktop session";
      environment = mkOption {
        type = types.enum [
          "hyprland"
          "plasma"
        ];
        default = "hyprland";
        description = "Which desktop environment to run. Hyprland is the daily driver, Plasma the fallback.";
      };
      displayManager = mkOption {
        type = types.enum [
          "gdm"
          "sddm"
          "none"
        ];
        default = "sddm";
        description = "Display manager. `none` means log in on a TTY and start the session by hand.";
      };
      wayland = mkOption {
        type = types.bool;
        default = true;
        description = "Prefer Wayland sessions and set NIXOS_OZONE_WL for Electron apps.";
      };
      bluetooth = mkEnableOption "Bluetooth with blueman";
    };

    virtualization = {
      enable = mkEnableOption "virtualisation support (KVM, nested virt)";
      podman = mkEnableOption "rootless Podman";
      libvirt = mkEnableOption "libvirtd with virt-manager";
    };

    gaming = {
      enable = mkEnableOption "gaming support";
      steam = mkEnableOption "Steam with Proton and the gamescope session";
      gamemode = mkEnableOption "Feral GameMode";
    };

    security = {
      hardening = mkOption {
        type = types.bool;
        default = true;
        description = "Kernel sysctl hardening and a restricted /proc. On everywhere unless a host opts out.";
      };
      fail2ban = mkEnableOption "fail2ban for sshd";
      auditd = mkEnableOption "the Linux audit daemon with a small rule set";
    };

    ai = {
      enable = mkEnableOption "AI tooling (CLI clients, shell helpers)";
      ollama = mkEnableOption "use the local Ollama server from the AI tools";
      claude = mkEnableOption "the Claude Code CLI";
      gemini = mkEnableOption "the Gemini CLI";
    };
  };
}
