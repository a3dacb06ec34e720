# Ollama. Older namespace (modules.services.ollama); acceleration comes from
# the host's hardware profile (variables.nix).
{ config, lib, pkgs, ... }:
let
  inherit (lib) mkOption mkEnableOption mkIf types;
  cfg = config.modules.services.ollama;
in
{
  options.modules.services.ollama = {
    enable = mkEnableOption "the Ollama LLM server";
    acceleration = mkOption {
      type = types.enum [
        "rocm"
        "cuda"
        "cpu"
      ];
      default = "cpu";
      description = "GPU backend for Ollama; picks ollama-rocm, ollama-cuda or plain ollama.";
    };
    listenOnTailnet = mkOption {
      type = types.bool;
      default = false;
      description = "Listen on all interfaces and allow port 11434 on tailscale0 so other hosts can use this server.";
    };
  };

  config = mkIf cfg.enable {
    assertions = [
      {
        assertion = cfg.acceleration == "rocm" -> config.modules.hardware.amd.rocm;
        message = "modules.services.ollama.acceleration = \"rocm\" needs modules.hardware.amd.rocm = true.";
      }
      {
        assertion = cfg.acceleration == "cuda" -> config.modules.hardware.nvidia.enable;
        message = "modules.services.ollama.acceleration = \"cuda\" needs modules.hardware.nvidia.enable = true.";
      }
    ];

    services.ollama = {
      enable = true;
      package =
        {
          rocm = pkgs.ollama-rocm;
          cuda = pkgs.ollama-cuda;
          cpu = pkgs.ollama;
        }
        .${cfg.acceleration};
      host = if cfg.listenOnTailnet then "0.0.0.0" else "127.0.0.1";
      port = 11434;
    };

    networking.firewall.interfaces."tailscale0".allowedTCPPorts = lib.optional cfg.listenOnTailnet 11434;
  };
}
