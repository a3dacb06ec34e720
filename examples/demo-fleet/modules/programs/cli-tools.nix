# Command-line tools every host gets, plus a few shell programs.
{ pkgs, lib, ... }:
with pkgs;
with lib;
{
  environment.systemPackages = [
    ripgrep
    fd
    tree
    file
    dnsutils
    tcpdump
    iperf3
    smartmontools
    nvd
  ] ++ optionals stdenv.hostPlatform.isx86_64 [ dmidecode ];

  programs.mtr.enable = true;
  programs.htop.enable = true;
  programs.htop.settings = mkDefault {
    hide_kernel_threads = true;
    show_program_path = false;
  };
}
