# Intel CPU and iGPU support.
{ config, lib, pkgs, ... }:
let
  cfg = config.modules.hardware.intel;
in
{
  options.modules.hardware.intel.enable = lib.mkEnableOption "Intel CPU microcode and iGPU media drivers";
  options.modules.hardware.intel.vaapi = lib.mkOption {
    type = lib.types.bool;
    default = true;
    description = "Install the iHD VA-API driver for hardware video decode/encode (QuickSync).";
  };

  config = lib.mkIf cfg.enable {
    hardware.cpu.intel.updateMicrocode = config.hardware.enableRedistributableFirmware;
    hardware.graphics = {
      enable = true;
      extraPackages = lib.optionals cfg.vaapi [
        pkgs.intel-media-driver
        pkgs.vpl-gpu-rt
      ];
    };
    environment.sessionVariables = lib.optionalAttrs cfg.vaapi { LIBVA_DRIVER_NAME = "iHD"; };
  };
}
