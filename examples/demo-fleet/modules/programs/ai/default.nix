# Implements features.ai.* (declared in modules/features.nix).
# Imported by p620 and razer.
{ config, lib, pkgs, ... }:
let
  inherit (lib) mkIf optionals;
  cfg = config.features.ai;
in
{
  config = mkIf cfg.enable {
    assertions = [
      {
        assertion = cfg.ollama -> config.modules.services.ollama.enable;
        message = "features.ai.ollama points the AI tools at a local Ollama; enable modules.services.ollama (and import modules/services/ollama.nix).";
      }
    ];

    age.secrets.anthropic-api-key = {
      file = ../../../secrets/anthropic-api-key.age;
      owner = "alex";
      mode = "0400";
    };

    environment.systemPackages =
      optionals cfg.claude [ pkgs.claude-code ]
      ++ optionals cfg.gemini [ pkgs.gemini-cli ]
      ++ optionals cfg.ollama [ pkgs.oterm ];

    environment.variables = {
      OLLAMA_HOST = mkIf cfg.ollama "http://127.0.0.1:11434";
      # FIXME: claude-code would not pick the key up from a file; this works for now.
      ANTHROPIC_API_KEY = mkIf cfg.claude (builtins.readFile config.age.secrets.anthropic-api-key.path);
    };
  };
}
