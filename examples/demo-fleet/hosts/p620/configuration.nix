# ============================================================================
#  p620 -- Lenovo ThinkStation P620
#  AMD Threadripper PRO 5955WX, 128 GB ECC, Radeon RX 7900 XTX (ROCm)
#
#  Role: main workstation, build host for the whole fleet (every `just deploy`
#  builds here), binary cache (nix-serve), local LLM server (Ollama on ROCm),
#  microVM host for the k3s test cluster.
#
#  History
#    2022-03  installed from the 22.05 ISO, stateVersion is older than it looks
#    2023-09  moved from GNOME to Hyprland (Plasma kept as a fallback session)
#    2024-05  reinstalled on the new NVMe; stateVersion bumped to 24.05 then
#    2024-11  took over nix-serve from p510 (p510 is too slow to build)
#    2025-06  microvm.nix replaced the libvirt VMs for k3s experiments
#
#  Owner's rules for this file
#    * Anything another host could use goes into modules/, not here.
#    * Every `mkForce` gets a comment saying what it overrides and why.
#    * Keep sections in this order: imports, features, hardware, boot,
#      networking, services, desktop, users, nix, state.
#
#  TODO: split the desktop section into hosts/p620/nixos/desktop.nix; this file
#        keeps growing and nixstudio keeps telling me so.
# ============================================================================
{
  config,
  lib,
  pkgs,
  inputs,
  ...
}:
let
  vars = import ./variables.nix { };
  hostTypes = import ../../templates { inherit lib; };
  hw = vars.hardwareProfile;

  # Media share on p510, mounted over the tailnet (NFSv4, see p510's exports).
  nfsOptions = [
    "x-systemd.automount"
    "x-systemd.idle-timeout=600"
    "x-systemd.mount-timeout=10"
    "noauto"
    "nfsvers=4.2"
    "_netdev"
  ];
in
{
  # --------------------------------------------------------------------------
  # Imports
  #
  # The workstation template gives us the common modules (base, users, desktop,
  # development, docker, podman, tailscale, node exporter). On top of that p620
  # pulls in the things only it runs: ROCm, Ollama, nix-serve, backups,
  # libvirt and microVMs, gaming.
  # --------------------------------------------------------------------------
  imports = hostTypes.workstation.imports ++ [
    ./hardware-configuration.nix
    ./nixos/gpu.nix
    ./nixos/ollama.nix

    ../../modules/hardware/amd.nix
    ../../modules/gaming/steam.nix
    ../../modules/programs/ai
    ../../modules/services/ollama.nix
    ../../modules/services/binary-cache.nix
    ../../modules/services/backup.nix
    ../../modules/virtualization/libvirt.nix
    ../../modules/virtualization/microvm.nix

    # nixos-hardware: Zen 3 microcode/pstate, amdgpu early KMS, SSD trim defaults.
    inputs.nixos-hardware.nixosModules.common-cpu-amd
    inputs.nixos-hardware.nixosModules.common-cpu-amd-pstate
    inputs.nixos-hardware.nixosModules.common-gpu-amd
    inputs.nixos-hardware.nixosModules.common-pc-ssd
  ];

  # Host facts for modules under ./nixos (they take `vars` as an argument).
  _module.args.vars = vars;

  # --------------------------------------------------------------------------
  # Features
  #
  # Everything switchable lives here so I can see the whole host at a glance.
  # Flags are declared in modules/features.nix (cross-cutting ones) or next to
  # the service module (features.tailscale, features.backup, ...).
  # --------------------------------------------------------------------------
  features = {
    development = {
      enable = true;
      python = true;
      go = true;
      rust = true;
      nodejs = true;
      # Only needed for the one Gradle project at work; left off until then.
      java = false;
      lua = true;
      vscode = true;
    };

    desktop = {
      enable = true;
      environment = "hyprland";
      displayManager = "sddm";
      # Electron apps (VS Code, Slack) are fine on Wayland since 2024.
      wayland = true;
      bluetooth = true;
    };

    virtualization = {
      enable = true;
      podman = false; # Docker is the default on p620; podman only on laptops
      libvirt = true; # still needed for the Windows VM (tax software)
    };

    gaming = {
      # Gaming follows the host role: every workstation gets it.
      enable = vars.isWorkstation;
      steam = true;
      gamemode = true;
    };

    ai = {
      enable = true;
      ollama = true;
      claude = true;
      gemini = false;
    };

    security = {
      hardening = true;
      auditd = false; # too noisy while compiling; on for the servers only
    };

    tailscale = {
      enable = true;
      # p620 is the exit node when travelling; it has the fast uplink.
      exitNode = true;
      ssh = false;
    };

    binaryCache.enable = true;

    backup = {
      enable = true;
      paths = [
        "/home"
        "/etc/nixos"
        "/var/lib/libvirt/qemu"
      ];
    };

    microvm = {
      enable = true;
      autostart = false;
      vms = [
        "devbox"
        "k3s-server"
        "k3s-agent-1"
      ];
    };
  };

  # --------------------------------------------------------------------------
  # Hardware
  # --------------------------------------------------------------------------

  # The generic AMD module, fed from hardware-profiles/amd.nix via variables.nix.
  modules.hardware.amd = {
    enable = hw.cpu == "amd";
    rocm = hw.acceleration == "rocm";
    gfxOverride = hw.rocmGfxOverride;
  };

  services.xserver.videoDrivers = hw.videoDrivers;

  # Docker for the dev containers and the odd compose project.
  modules.containers.docker.enable = true;
  modules.containers.docker.storageDriver = "overlay2";

  # Low-latency audio for the Focusrite; pipewire itself comes from the module.
  modules.desktop.audio.lowLatency = true;

  # ECC memory: let the kernel tell us about corrected errors.
  hardware.rasdaemon.enable = true;

  # Firmware for the Intel AX210 card and the GPU.
  hardware.enableRedistributableFirmware = true;
  hardware.enableAllFirmware = true;

  # QMK keyboard (Moonlander) and the Logitech mouse.
  hardware.keyboard.qmk.enable = true;
  hardware.keyboard.zsa.enable = true;
  services.ratbagd.enable = true;

  # Two 4K monitors: keep the GPU out of the lowest power state or the second
  # screen flickers on wake. Confirmed still needed on 6.12.
  services.udev.extraRules = ''
    # RX 7900 XTX: force "high" perf level so the second screen does not flicker
    KERNEL=="card1", SUBSYSTEM=="drm", DRIVERS=="amdgpu", ATTR{device/power_dpm_force_performance_level}="high"

    # Allow the wheel group to flash the Moonlander without sudo
    SUBSYSTEM=="usb", ATTR{idVendor}=="3297", MODE="0660", GROUP="wheel"
  '';

  # S.M.A.R.T. for the two NVMe drives and the SATA archive disk.
  services.smartd = {
    enable = true;
    autodetect = true;
    notifications.wall.enable = true;
  };

  # Compressed swap (zram) and fwupd: set by the workstation template.
  # fstrim comes from nixos-hardware's common-pc-ssd.

  # CPU frequency: amd-pstate-epp in active mode; "balance_performance" keeps the
  # fans quiet at idle but boosts fast for builds.
  powerManagement.cpuFreqGovernor = "powersave";
  boot.kernelParams = [
    "amd_pstate=active"
    # The P620 BIOS exposes a broken IOMMU mapping for the second NVMe slot;
    # passthrough mode avoids the DMAR faults at boot.
    "iommu=pt"
    # Quiet boot, but keep errors.
    "quiet"
    "loglevel=3"
  ];

  # --------------------------------------------------------------------------
  # Boot
  # --------------------------------------------------------------------------
  boot.loader.systemd-boot = {
    enable = true;
    # The ESP is only 512 MB; 10 generations with two kernels fits.
    configurationLimit = 10;
    editor = false;
    memtest86.enable = true;
  };
  boot.loader.efi.canTouchEfiVariables = true;
  boot.loader.timeout = 3;

  # Latest kernel for RDNA3 fixes. If ROCm breaks after an update, pin to
  # linuxPackages_6_12 here first before debugging anything else.
  boot.kernelPackages = pkgs.linuxPackages_latest;

  boot.initrd.systemd.enable = true;
  boot.plymouth.enable = false; # hides the LUKS prompt on the second screen

  # Watches: VS Code + Go module cache + node_modules blow through the default.
  boot.kernel.sysctl = {
    "fs.inotify.max_user_watches" = 1048576;
    "fs.inotify.max_user_instances" = 1024;
    "vm.swappiness" = 10;
    # ollama + a big Rust build at the same time still leave room with this.
    "vm.max_map_count" = 2147483642;
  };

  # Build sandboxes in tmpfs are faster, but 128 GB is not enough for a
  # full LLVM rebuild in RAM. Keep /tmp on disk.
  boot.tmp.useTmpfs = false;

  # Binfmt so p620 can build the aarch64 images for the Raspberry Pis.
  boot.binfmt.emulatedSystems = [ "aarch64-linux" ];

  # --------------------------------------------------------------------------
  # Networking
  # --------------------------------------------------------------------------
  networking.hostName = vars.hostName;
  networking.hostId = "8a6f2c10"; # needed once ZFS was tried; harmless now

  # Wired only, static address so the LAN DNS entry and the printer ACL keep
  # working when Tailscale is down.
  networking.useNetworkd = true;
  networking.networkmanager.enable = false;
  systemd.network.networks."10-lan" = {
    matchConfig.Name = "enp*";
    address = [ "${vars.lanAddress}/24" ];
    gateway = [ "192.168.1.1" ];
    dns = [
      "192.168.1.1"
      "1.1.1.1"
    ];
    linkConfig.RequiredForOnline = "routable";
  };
  # Do not hold boot for the Wi-Fi card that is never used.
  systemd.network.wait-online.anyInterface = true;

  networking.firewall = {
    enable = true;
    # LAN-only ports. Everything else is reached over tailscale0, which the
    # tailscale module marks as trusted.
    allowedTCPPorts = [
      22000 # syncthing
    ];
    allowedUDPPorts = [
      22000 # syncthing QUIC
      21027 # syncthing discovery
    ];
    # KDE Connect (phone) when on Plasma.
    allowedTCPPortRanges = [
      {
        from = 1714;
        to = 1764;
      }
    ];
    allowedUDPPortRanges = [
      {
        from = 1714;
        to = 1764;
      }
    ];
  };

  # mDNS for the printer and the phone.
  services.avahi = {
    enable = true;
    nssmdns4 = true;
    openFirewall = true;
  };

  # p510's media share, read-mostly.
  fileSystems."/mnt/media" = {
    device = "p510.tailnet-demo.ts.net:/mnt/media";
    fsType = "nfs";
    options = nfsOptions;
  };
  fileSystems."/mnt/backup" = {
    device = "p510.tailnet-demo.ts.net:/srv/backup";
    fsType = "nfs";
    options = nfsOptions ++ [ "ro" ];
  };
  boot.supportedFilesystems = [ "nfs" ];

  # --------------------------------------------------------------------------
  # Services
  # --------------------------------------------------------------------------

  # Syncthing: notes, dotfiles-in-progress and phone photos.
  services.syncthing = {
    enable = true;
    user = "alex";
    group = "users";
    dataDir = "/home/alex";
    configDir = "/home/alex/.config/syncthing";
    openDefaultPorts = false; # opened above, LAN only
    overrideDevices = true;
    overrideFolders = true;
    settings = {
      devices = {
        razer.id = "FAKEID1-AAAAAAA-BBBBBBB-CCCCCCC-DDDDDDD-EEEEEEE-FFFFFFF-GGGGGGG";
        phone.id = "FAKEID2-AAAAAAA-BBBBBBB-CCCCCCC-DDDDDDD-EEEEEEE-FFFFFFF-GGGGGGG";
      };
      folders = {
        notes = {
          path = "/home/alex/notes";
          devices = [
            "razer"
            "phone"
          ];
        };
        camera = {
          path = "/home/alex/Pictures/camera";
          devices = [ "phone" ];
          type = "receiveonly";
        };
      };
      options.urAccepted = -1;
    };
  };

  # Printing: the Brother laser on the LAN, driverless (IPP Everywhere).
  services.printing = {
    enable = true;
    drivers = [ pkgs.brlaser ];
    browsing = false;
  };
  hardware.sane = {
    enable = true;
    extraBackends = [ pkgs.sane-airscan ];
  };

  # The OOM killer kicks in too late when a Rust build and a 32B model run at
  # once; systemd-oomd reacts earlier and only kills the offending slice.
  systemd.oomd = {
    enable = true;
    enableRootSlice = true;
    enableUserSlices = true;
  };

  services.flatpak.enable = true; # only for the vendor tax app
  services.gvfs.enable = true;
  services.udisks2.enable = true;
  services.dbus.implementation = "broker";
  services.pcscd.enable = true; # YubiKey for GPG and SSH

  # GPG agent with SSH support for the YubiKey.
  programs.gnupg.agent = {
    enable = true;
    enableSSHSupport = true;
    pinentryPackage = pkgs.pinentry-qt;
  };

  # U2F login and sudo with the YubiKey; password still works as a fallback.
  security.pam.u2f = {
    enable = true;
    control = "sufficient";
    settings.cue = true;
  };

  # Keep more journal than the small boxes: build failures are easier to
  # chase with a few months of history.
  services.journald.extraConfig = lib.mkForce ''
    SystemMaxUse=4G
    MaxRetentionSec=3month
  '';
  # ^ mkForce: base.nix sets 1G for the small boxes; p620 has the space.

  # Nightly: rebuild the fleet so the cache is warm before I sit down.
  # Runs as alex because the flake checkout and the SSH keys are alex's.
  systemd.services.fleet-prebuild = {
    description = "Pre-build all nixosConfigurations into the local store";
    startAt = "03:30";
    path = [
      pkgs.nix
      pkgs.git
    ];
    serviceConfig = {
      Type = "oneshot";
      User = "alex";
      WorkingDirectory = "/home/alex/fleet";
      Nice = 19;
      IOSchedulingClass = "idle";
    };
    script = ''
      git pull --ff-only
      for host in p620 p510 razer samsung dex5550 hp; do
        nix build --no-link ".#nixosConfigurations.$host.config.system.build.toplevel" || echo "prebuild failed: $host"
      done
    '';
  };

  # --------------------------------------------------------------------------
  # Desktop
  # --------------------------------------------------------------------------

  # Hyprland itself comes from modules/desktop/hyprland.nix. Host specifics:
  # monitor layout lives in home-manager (below) because Hyprland reads it from
  # the user config.
  programs.hyprland.withUWSM = lib.mkDefault true;

  # Firefox is the system browser; policies keep the profile tidy on reinstall.
  programs.firefox = {
    enable = true;
    policies = {
      DisableTelemetry = true;
      DisablePocket = true;
      DisableFirefoxStudies = true;
      OfferToSaveLogins = false;
      DNSOverHTTPS.Enabled = false; # tailnet MagicDNS must win
    };
  };

  programs.wireshark = {
    enable = true;
    package = pkgs.wireshark;
  };
  programs.adb.enable = true;
  programs.appimage = {
    enable = true;
    binfmt = true;
  };

  # Fonts beyond what the hyprland module installs (for Plasma and LibreOffice).
  fonts.packages = [
    pkgs.inter
    pkgs.liberation_ttf
    pkgs.source-serif
  ];
  fonts.fontconfig.defaultFonts = {
    sansSerif = [ "Inter" ];
    monospace = [ "JetBrainsMono Nerd Font" ];
  };

  # Plasma stays available as a fallback session even with Hyprland as the
  # default (SDDM lists both). Useful when a Hyprland update breaks.
  services.desktopManager.plasma6.enable = true;

  xdg.mime.defaultApplications = {
    "text/html" = "firefox.desktop";
    "x-scheme-handler/http" = "firefox.desktop";
    "x-scheme-handler/https" = "firefox.desktop";
    "application/pdf" = "org.pwmt.zathura.desktop";
  };

  # Workstation-only GUI tools. CLI tools come from modules/programs/cli-tools.nix,
  # personal apps from home-manager.
  environment.systemPackages = [
    pkgs.virt-viewer
    pkgs.usbimager
    pkgs.gparted
  ];

  # --------------------------------------------------------------------------
  # Users
  # --------------------------------------------------------------------------
  users.users.alex.extraGroups = [
    "wireshark"
    "adbusers"
    "scanner"
    "lp"
    "render"
    "dialout" # serial console for the Pis
  ];

  # Host-specific home-manager bits. The shared profile is home/alex.nix.
  home-manager.users.alex = {
    wayland.windowManager.hyprland = {
      enable = true;
      # The NixOS module installs Hyprland; home-manager only writes the config.
      package = null;
      portalPackage = null;
      settings = {
        monitor = vars.monitors;
        workspace = [
          "1, monitor:DP-1, default:true"
          "2, monitor:DP-1"
          "3, monitor:DP-1"
          "9, monitor:DP-2, default:true"
        ];
        env = [
          "HSA_OVERRIDE_GFX_VERSION,${config.modules.hardware.amd.gfxOverride}"
        ];
        "$mod" = "SUPER";
        bind = [
          "$mod, Return, exec, kitty"
          "$mod, D, exec, wofi --show drun"
          "$mod, Q, killactive"
          "$mod SHIFT, L, exec, hyprlock"
        ];
      };
    };
    programs.kitty = {
      enable = true;
      font = {
        name = "JetBrainsMono Nerd Font";
        size = 12;
      };
    };
    services.syncthing.tray.enable = false; # syncthing runs as a system service here
  };

  # --------------------------------------------------------------------------
  # Nix
  # --------------------------------------------------------------------------

  # p620 is the builder: use all 32 threads, but leave headroom for the desktop.
  nix.settings = {
    max-jobs = 8;
    cores = 4;
    # Keep build outputs and derivations so `nix store diff-closures` works on
    # old generations and the cache can serve them.
    keep-outputs = true;
    keep-derivations = true;
    # Remote deploys push from here; allow the other hosts' deploy user to pull.
    trusted-users = [ "alex" ];
    # Big downloads from cache.nixos.org time out on the default 300 s.
    stalled-download-timeout = 90;
    download-buffer-size = 524288000;
  };

  # p510 helps with the very large builds (it has 20 slow cores and idles a lot).
  nix.distributedBuilds = true;
  nix.buildMachines = [
    {
      hostName = "p510.tailnet-demo.ts.net";
      system = "x86_64-linux";
      protocol = "ssh-ng";
      sshUser = "nixremote";
      maxJobs = 4;
      speedFactor = 1;
      supportedFeatures = [
        "nixos-test"
        "big-parallel"
        "kvm"
      ];
    }
  ];
  nix.extraOptions = ''
    builders-use-substitutes = true
  '';

  # GC: base.nix keeps 30 days; p620 serves the cache, so keep more and only
  # collect when the disk is actually filling up.
  nix.gc.options = lib.mkForce "--delete-older-than 60d";
  nix.settings.min-free = 50 * 1024 * 1024 * 1024;
  nix.settings.max-free = 200 * 1024 * 1024 * 1024;

  # --------------------------------------------------------------------------
  # Locale / misc
  # --------------------------------------------------------------------------
  time.timeZone = vars.timeZone;
  console = {
    font = "ter-v24n";
    packages = [ pkgs.terminus_font ];
    earlySetup = true;
  };

  # Documentation for development: man pages of dev packages and NixOS options.
  documentation = {
    enable = true;
    dev.enable = true;
    man.generateCaches = true;
    nixos.includeAllModules = false; # too slow to evaluate on every switch
  };

  # Ask the kernel to reboot 30 s after a hard hang instead of freezing until
  # someone walks past. Happened twice with early RDNA3 drivers.
  systemd.watchdog.runtimeTime = "30s";
  boot.kernel.sysctl."kernel.panic" = 30;

  # --------------------------------------------------------------------------
  # State
  # --------------------------------------------------------------------------
  # Do not bump without reading the release notes for every version in between.
  system.stateVersion = vars.stateVersion;
}
