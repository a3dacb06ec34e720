# Little helper scripts on razer.
{ pkgs, ... }:
let
  # Run a command on the NVIDIA GPU (PRIME render offload).
  gpuRun = pkgs.writeShellScriptBin "gpu-run" ''
    export __NV_PRIME_RENDER_OFFLOAD=1
    export __GLX_VENDOR_LIBRARY_NAME=nvidia
    export __VK_LAYER_NV_optimus=NVIDIA_only
    exec "$@"
  '';

  # Quick tools when travelling and the flake is not at hand.
  bootstrapTools = pkgs.writeShellScriptBin "bootstrap-tools" ''
    set -eu
    echo "installing travel tools into the user profile"
    nix-env -iA nixpkgs.speedtest-cli nixpkgs.mosh nixpkgs.rclone
  '';

  batteryReport = pkgs.writeShellScriptBin "battery-report" ''
    ${pkgs.upower}/bin/upower -i "$(${pkgs.upower}/bin/upower -e | grep BAT)" \
      | grep -E 'state|percentage|time to|energy-rate'
  '';
in
{
  environment.systemPackages = [
    gpuRun
    bootstrapTools
    batteryReport
  ];
}
