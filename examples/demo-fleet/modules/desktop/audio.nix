# PipeWire audio. Older option namespace (modules.desktop.audio), kept because
# every host file already sets it.
{ config, lib, ... }:
let
  cfg = config.modules.desktop.audio;
in
{
  options.modules.desktop.audio.enable = lib.mkEnableOption "PipeWire with PulseAudio and ALSA compatibility";
  options.modules.desktop.audio.lowLatency = lib.mkEnableOption "a 64-sample quantum for music production";

  config = lib.mkIf cfg.enable {
    services.pulseaudio.enable = false;
    security.rtkit.enable = true;
    services.pipewire = {
      enable = true;
      alsa.enable = true;
      alsa.support32Bit = true;
      pulse.enable = true;
      jack.enable = cfg.lowLatency;
      extraConfig.pipewire."92-low-latency" = lib.mkIf cfg.lowLatency {
        "context.properties" = {
          "default.clock.rate" = 48000;
          "default.clock.quantum" = 64;
          "default.clock.min-quantum" = 64;
        };
      };
    };
  };
}
