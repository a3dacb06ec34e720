# samsung local tweaks: the old Galaxy Book. Kept out of configuration.nix
# because they are about this exact machine, not about being a laptop.
{ lib, ... }:
{
  # The touchpad loses sync after resume without this.
  boot.kernelParams = [ "i8042.nopnp" "i8042.reset" ];

  # Fan is loud; keep the CPU cooler on battery.
  services.tlp.settings = {
    CPU_SCALING_GOVERNOR_ON_BAT = "powersave";
    CPU_ENERGY_PERF_POLICY_ON_BAT = "power";
    CPU_BOOST_ON_BAT = 0;
    START_CHARGE_THRESH_BAT0 = 60;
    STOP_CHARGE_THRESH_BAT0 = 85;
  };

  # Samsung's keyboard backlight key maps to the wrong keycode.
  services.udev.extraHwdb = ''
    evdev:atkbd:dmi:bvn*:bvr*:bd*:svnSAMSUNGELECTRONICSCO.,LTD.*:pn*
     KEYBOARD_KEY_ce=kbdillumtoggle
  '';

  # 8 GB RAM: be kind to the Nix daemon.
  nix.settings.max-jobs = lib.mkDefault 2;
  nix.settings.cores = lib.mkDefault 2;
}
