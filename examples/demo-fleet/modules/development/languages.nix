# Implements features.development.* (declared in modules/features.nix).
{ config, lib, pkgs, ... }:
let
  inherit (lib) mkIf optionals;
  cfg = config.features.development;
in
{
  config = mkIf cfg.enable {
    environment.systemPackages =
      [
        pkgs.gnumake
        pkgs.gcc
        pkgs.pkg-config
        pkgs.nixfmt-rfc-style
        pkgs.nil
      ]
      ++ optionals cfg.python [
        pkgs.python3
        pkgs.uv
        pkgs.ruff
        pkgs.pyright
      ]
      ++ optionals cfg.go [
        pkgs.go
        pkgs.gopls
        pkgs.golangci-lint
      ]
      ++ optionals cfg.rust [
        pkgs.rustup
        pkgs.rust-analyzer
      ]
      ++ optionals cfg.nodejs [
        pkgs.nodejs_22
        pkgs.pnpm
      ]
      ++ optionals cfg.java [
        pkgs.jdk21
        pkgs.gradle
      ]
      ++ optionals cfg.lua [
        pkgs.lua5_4
        pkgs.luarocks
        pkgs.lua-language-server
      ]
      ++ optionals cfg.vscode [ pkgs.vscode-fhs ];

    programs.neovim = mkIf cfg.neovim {
      enable = true;
      defaultEditor = true;
      viAlias = true;
      vimAlias = true;
    };

    # Go and Rust builds want more open files than the default.
    security.pam.loginLimits = [
      {
        domain = "@wheel";
        type = "soft";
        item = "nofile";
        value = "65536";
      }
    ];

    programs.nix-ld.enable = cfg.python || cfg.nodejs;
  };
}
