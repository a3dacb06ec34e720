//! Discovery and edits on the demo fleet in `examples/demo-fleet`.

use expect_test::expect;
use shared::files::FileSet;
use shared::fleet::{
    ChangeSet, create_host, create_host_from_template, discover, parse_request, remove_host,
    report, set_toggles, switch_hardware_profile, switch_template,
};

use super::demo_fleet;

#[test]
fn summary_of_the_demo_fleet() {
    let fleet = discover(&demo_fleet());
    expect![[r#"
        HOST     ENTRY                            TEMPLATE     HARDWARE                   TOGGLES
        p620     hosts/p620/configuration.nix     workstation  amd (+4 nixos-hardware)    107
        p510     hosts/p510/configuration.nix     server       intel (+3 nixos-hardware)  50
        razer    hosts/razer/configuration.nix    laptop       intel (+3 nixos-hardware)  40
        samsung  hosts/samsung/configuration.nix  laptop       intel (+2 nixos-hardware)  23
        dex5550  hosts/dex5550/configuration.nix  server       intel (+2 nixos-hardware)  23
        hp       hosts/hp/default.nix             server       intel (+1 nixos-hardware)  19

        6 hosts, 174 options (159 toggles), 9 dependencies, 0 problems
    "#]]
    .assert_eq(&report::summary(&fleet));
}

#[test]
fn everything_discovered_on_the_demo_fleet() {
    let fleet = discover(&demo_fleet());
    expect![[r#"
        host p620 <- hosts/p620/configuration.nix
          template workstation (templates/workstation.nix) ImportsOnly
          hardware ["modules/hardware/amd.nix", "hardware-profiles/amd.nix"] nixos-hardware ["common-cpu-amd", "common-cpu-amd-pstate", "common-gpu-amd", "common-pc-ssd"]
          imports hosts/p620/configuration.nix modules/features.nix modules/common/base.nix modules/common/users.nix modules/security/hardening.nix modules/security/ssh.nix modules/networking/tailscale.nix modules/monitoring/node-exporter.nix modules/desktop/hyprland.nix modules/desktop/plasma.nix modules/desktop/display-manager.nix modules/desktop/audio.nix modules/development/languages.nix modules/programs/cli-tools.nix modules/virtualization/docker.nix modules/virtualization/podman.nix hosts/p620/hardware-configuration.nix hosts/p620/nixos/gpu.nix hosts/p620/nixos/ollama.nix modules/hardware/amd.nix modules/gaming/steam.nix modules/programs/ai/default.nix modules/services/ollama.nix modules/services/binary-cache.nix modules/services/backup.nix modules/virtualization/libvirt.nix modules/virtualization/microvm.nix
          boot.initrd.systemd.enable = true at hosts/p620/configuration.nix:245
          boot.loader.efi.canTouchEfiVariables = true at hosts/p620/configuration.nix:238
          boot.loader.systemd-boot.editor = false at hosts/p620/configuration.nix:235
          boot.loader.systemd-boot.enable = true at hosts/p620/configuration.nix:232
          boot.loader.systemd-boot.memtest86.enable = true at hosts/p620/configuration.nix:236
          boot.plymouth.enable = false at hosts/p620/configuration.nix:246
          boot.tmp.useTmpfs = false at hosts/p620/configuration.nix:259
          console.earlySetup = true at hosts/p620/configuration.nix:604
          documentation.dev.enable = true at hosts/p620/configuration.nix:610
          documentation.enable = true at hosts/p620/configuration.nix:609
          documentation.man.generateCaches = true at hosts/p620/configuration.nix:611
          documentation.nixos.includeAllModules = false at hosts/p620/configuration.nix:612
          features.ai.claude = true at hosts/p620/configuration.nix:125
          features.ai.enable = true at hosts/p620/configuration.nix:123
          features.ai.gemini = false at hosts/p620/configuration.nix:126
          features.ai.ollama = true at hosts/p620/configuration.nix:124
          features.backup.enable = true at hosts/p620/configuration.nix:144
          features.binaryCache.enable = true at hosts/p620/configuration.nix:141
          features.desktop.bluetooth = true at hosts/p620/configuration.nix:106
          features.desktop.displayManager = "sddm" at hosts/p620/configuration.nix:103
          features.desktop.enable = true at hosts/p620/configuration.nix:101
          features.desktop.environment = "hyprland" at hosts/p620/configuration.nix:102
          features.desktop.wayland = true at hosts/p620/configuration.nix:105
          features.development.enable = true at hosts/p620/configuration.nix:89
          features.development.go = true at hosts/p620/configuration.nix:91
          features.development.java = false at hosts/p620/configuration.nix:95
          features.development.lua = true at hosts/p620/configuration.nix:96
          features.development.nodejs = true at hosts/p620/configuration.nix:93
          features.development.python = true at hosts/p620/configuration.nix:90
          features.development.rust = true at hosts/p620/configuration.nix:92
          features.development.vscode = true at hosts/p620/configuration.nix:97
          features.gaming.enable = vars.isWorkstation at hosts/p620/configuration.nix:117
          features.gaming.gamemode = true at hosts/p620/configuration.nix:119
          features.gaming.steam = true at hosts/p620/configuration.nix:118
          features.microvm.autostart = false at hosts/p620/configuration.nix:154
          features.microvm.enable = true at hosts/p620/configuration.nix:153
          features.security.auditd = false at hosts/p620/configuration.nix:131
          features.security.hardening = true at hosts/p620/configuration.nix:130
          features.tailscale.enable = true at hosts/p620/configuration.nix:135
          features.tailscale.exitNode = true at hosts/p620/configuration.nix:137
          features.tailscale.ssh = false at hosts/p620/configuration.nix:138
          features.virtualization.enable = true at hosts/p620/configuration.nix:110
          features.virtualization.libvirt = true at hosts/p620/configuration.nix:112
          features.virtualization.podman = false at hosts/p620/configuration.nix:111
          hardware.enableAllFirmware = true at hosts/p620/configuration.nix:188
          hardware.enableRedistributableFirmware = true at hosts/p620/configuration.nix:187
          hardware.keyboard.qmk.enable = true at hosts/p620/configuration.nix:191
          hardware.keyboard.zsa.enable = true at hosts/p620/configuration.nix:192
          hardware.rasdaemon.enable = true at hosts/p620/configuration.nix:184
          hardware.sane.enable = true at hosts/p620/configuration.nix:377
          home-manager.users.alex.programs.kitty.enable = true at hosts/p620/configuration.nix:542
          home-manager.users.alex.services.syncthing.tray.enable = false at hosts/p620/configuration.nix:548
          home-manager.users.alex.wayland.windowManager.hyprland.enable = true at hosts/p620/configuration.nix:517
          modules.containers.docker.enable = true at hosts/p620/configuration.nix:177
          modules.containers.docker.storageDriver = "overlay2" at hosts/p620/configuration.nix:178
          modules.desktop.audio.lowLatency = true at hosts/p620/configuration.nix:181
          modules.hardware.amd.enable = hw.cpu == "amd" at hosts/p620/configuration.nix:169
          modules.hardware.amd.rocm = hw.acceleration == "rocm" at hosts/p620/configuration.nix:170
          modules.services.ollama.acceleration = "rocm" at hosts/p620/nixos/ollama.nix:6
          modules.services.ollama.enable = true at hosts/p620/nixos/ollama.nix:5
          modules.services.ollama.listenOnTailnet = true at hosts/p620/nixos/ollama.nix:7
          networking.firewall.enable = true at hosts/p620/configuration.nix:288
          networking.networkmanager.enable = false at hosts/p620/configuration.nix:273
          networking.useDHCP = true [mkDefault] at hosts/p620/hardware-configuration.nix:39
          networking.useNetworkd = true at hosts/p620/configuration.nix:272
          nix.distributedBuilds = true at hosts/p620/configuration.nix:571
          nix.settings.keep-derivations = true at hosts/p620/configuration.nix:562
          nix.settings.keep-outputs = true at hosts/p620/configuration.nix:561
          programs.adb.enable = true at hosts/p620/configuration.nix:466
          programs.appimage.binfmt = true at hosts/p620/configuration.nix:469
          programs.appimage.enable = true at hosts/p620/configuration.nix:468
          programs.firefox.enable = true at hosts/p620/configuration.nix:452
          programs.firefox.policies.DNSOverHTTPS.Enabled = false at hosts/p620/configuration.nix:458
          programs.firefox.policies.DisableFirefoxStudies = true at hosts/p620/configuration.nix:456
          programs.firefox.policies.DisablePocket = true at hosts/p620/configuration.nix:455
          programs.firefox.policies.DisableTelemetry = true at hosts/p620/configuration.nix:454
          programs.firefox.policies.OfferToSaveLogins = false at hosts/p620/configuration.nix:457
          programs.gnupg.agent.enable = true at hosts/p620/configuration.nix:397
          programs.gnupg.agent.enableSSHSupport = true at hosts/p620/configuration.nix:398
          programs.hyprland.withUWSM = true [mkDefault] at hosts/p620/configuration.nix:448
          programs.wireshark.enable = true at hosts/p620/configuration.nix:463
          security.pam.u2f.enable = true at hosts/p620/configuration.nix:404
          security.pam.u2f.settings.cue = true at hosts/p620/configuration.nix:406
          services.avahi.enable = true at hosts/p620/configuration.nix:315
          services.avahi.nssmdns4 = true at hosts/p620/configuration.nix:316
          services.avahi.openFirewall = true at hosts/p620/configuration.nix:317
          services.desktopManager.plasma6.enable = true at hosts/p620/configuration.nix:485
          services.flatpak.enable = true at hosts/p620/configuration.nix:389
          services.gvfs.enable = true at hosts/p620/configuration.nix:390
          services.pcscd.enable = true at hosts/p620/configuration.nix:393
          services.printing.browsing = false at hosts/p620/configuration.nix:374
          services.printing.enable = true at hosts/p620/configuration.nix:372
          services.ratbagd.enable = true at hosts/p620/configuration.nix:193
          services.smartd.autodetect = true at hosts/p620/configuration.nix:208
          services.smartd.enable = true at hosts/p620/configuration.nix:207
          services.smartd.notifications.wall.enable = true at hosts/p620/configuration.nix:209
          services.syncthing.enable = true at hosts/p620/configuration.nix:339
          services.syncthing.openDefaultPorts = false at hosts/p620/configuration.nix:344
          services.syncthing.overrideDevices = true at hosts/p620/configuration.nix:345
          services.syncthing.overrideFolders = true at hosts/p620/configuration.nix:346
          services.udisks2.enable = true at hosts/p620/configuration.nix:391
          systemd.network.wait-online.anyInterface = true at hosts/p620/configuration.nix:285
          systemd.oomd.enable = true at hosts/p620/configuration.nix:384
          systemd.oomd.enableRootSlice = true at hosts/p620/configuration.nix:385
          systemd.oomd.enableUserSlices = true at hosts/p620/configuration.nix:386
          systemd.services.ollama-pull-models.serviceConfig.DynamicUser = true at hosts/p620/nixos/ollama.nix:28
          systemd.services.ollama-pull-models.serviceConfig.RemainAfterExit = true at hosts/p620/nixos/ollama.nix:29
        host p510 <- hosts/p510/configuration.nix
          template server (templates/server.nix) ImportsOnly
          hardware ["modules/hardware/intel.nix", "modules/hardware/nvidia.nix", "hardware-profiles/intel.nix", "hardware-profiles/nvidia.nix"] nixos-hardware ["common-cpu-intel", "common-gpu-nvidia-nonprime", "common-pc-ssd"]
          imports hosts/p510/configuration.nix modules/features.nix modules/common/base.nix modules/common/users.nix modules/security/hardening.nix modules/security/ssh.nix modules/networking/tailscale.nix modules/monitoring/node-exporter.nix modules/programs/cli-tools.nix modules/virtualization/docker.nix hosts/p510/hardware-configuration.nix hosts/p510/nixos/nvidia.nix hosts/p510/nixos/media.nix modules/hardware/intel.nix modules/hardware/nvidia.nix modules/media/plex.nix modules/media/jellyfin.nix modules/media/arr.nix modules/services/ollama.nix modules/services/backup.nix
          boot.loader.efi.canTouchEfiVariables = true at hosts/p510/configuration.nix:156
          boot.loader.systemd-boot.enable = true at hosts/p510/configuration.nix:153
          features.arr.enable = true at hosts/p510/nixos/media.nix:21
          features.arr.prowlarr = true at hosts/p510/nixos/media.nix:24
          features.arr.radarr = true at hosts/p510/nixos/media.nix:23
          features.arr.sonarr = true at hosts/p510/nixos/media.nix:22
          features.backup.enable = true at hosts/p510/configuration.nix:94
          features.desktop.enable = false at hosts/p510/configuration.nix:91
          features.development.enable = true at hosts/p510/configuration.nix:70
          features.development.go = true at hosts/p510/configuration.nix:74
          features.development.neovim = true at hosts/p510/configuration.nix:72
          features.development.python = true at hosts/p510/configuration.nix:71
          features.jellyfin.enable = true at hosts/p510/nixos/media.nix:19
          features.plex.enable = true at hosts/p510/nixos/media.nix:16
          features.plex.openFirewall = true at hosts/p510/nixos/media.nix:17
          features.security.auditd = true [mkDefault] at hosts/p510/configuration.nix:84
          features.security.fail2ban = true [mkOverride] at hosts/p510/configuration.nix:87
          features.tailscale.acceptRoutes = false at hosts/p510/configuration.nix:79
          features.tailscale.enable = true at hosts/p510/configuration.nix:77
          features.tailscale.exitNode = false [mkForce] at hosts/p510/configuration.nix:82
          features.tailscale.ssh = true at hosts/p510/configuration.nix:80
          hardware.enableRedistributableFirmware = true at hosts/p510/configuration.nix:134
          hardware.nvidia.nvidiaPersistenced = true at hosts/p510/nixos/nvidia.nix:12
          hardware.rasdaemon.enable = true at hosts/p510/configuration.nix:135
          home-manager.users.alex.programs.btop.enable = true at hosts/p510/configuration.nix:382
          modules.containers.docker.enable = true at hosts/p510/configuration.nix:130
          modules.containers.docker.storageDriver = "overlay2" at hosts/p510/configuration.nix:131
          modules.hardware.intel.enable = cpu.cpu == "intel" at hosts/p510/configuration.nix:111
          modules.hardware.intel.vaapi = false at hosts/p510/configuration.nix:113
          modules.hardware.nvidia.enable = true at hosts/p510/nixos/nvidia.nix:6
          modules.hardware.nvidia.open = false at hosts/p510/nixos/nvidia.nix:8
          modules.hardware.nvidia.prime = "none" at hosts/p510/nixos/nvidia.nix:7
          modules.services.ollama.acceleration = inherit (gpu) acceleration; at hosts/p510/configuration.nix:124
          modules.services.ollama.enable = true at hosts/p510/configuration.nix:123
          modules.services.ollama.listenOnTailnet = true at hosts/p510/configuration.nix:125
          networking.firewall.enable = true at hosts/p510/configuration.nix:212
          networking.networkmanager.enable = false at hosts/p510/configuration.nix:201
          networking.useDHCP = true [mkDefault] at hosts/p510/hardware-configuration.nix:46
          networking.useNetworkd = true at hosts/p510/configuration.nix:200
          services.nfs.server.enable = true at hosts/p510/configuration.nix:229
          services.smartd.autodetect = true at hosts/p510/configuration.nix:139
          services.smartd.enable = true at hosts/p510/configuration.nix:138
          system.autoUpgrade.allowReboot = true at hosts/p510/configuration.nix:322
          system.autoUpgrade.enable = true at hosts/p510/configuration.nix:318
          systemd.services.media-size-metrics.serviceConfig.NoNewPrivileges = true at hosts/p510/configuration.nix:351
          systemd.services.media-size-metrics.serviceConfig.PrivateTmp = true at hosts/p510/configuration.nix:350
          systemd.services.media-size-metrics.serviceConfig.ProtectHome = true at hosts/p510/configuration.nix:349
          systemd.services.serial-getty@ttyS0.enable = true at hosts/p510/configuration.nix:403
          users.users.backup.isSystemUser = true at hosts/p510/configuration.nix:238
          users.users.nixremote.isSystemUser = true at hosts/p510/configuration.nix:269
        host razer <- hosts/razer/configuration.nix
          template laptop (templates/laptop.nix) ImportsOnly
          hardware ["modules/hardware/intel.nix", "modules/hardware/nvidia.nix", "hardware-profiles/intel.nix", "hardware-profiles/nvidia.nix"] nixos-hardware ["common-cpu-intel", "common-pc-laptop", "common-pc-laptop-ssd"]
          imports hosts/razer/configuration.nix modules/features.nix modules/common/base.nix modules/common/users.nix modules/security/hardening.nix modules/security/ssh.nix modules/networking/tailscale.nix modules/monitoring/node-exporter.nix modules/desktop/hyprland.nix modules/desktop/display-manager.nix modules/desktop/audio.nix modules/development/languages.nix modules/programs/cli-tools.nix hosts/razer/hardware-configuration.nix hosts/razer/nixos/prime.nix hosts/razer/nixos/scripts.nix modules/hardware/intel.nix modules/hardware/nvidia.nix modules/gaming/steam.nix modules/programs/ai/default.nix modules/virtualization/podman.nix
          boot.loader.efi.canTouchEfiVariables = true at hosts/razer/configuration.nix:111
          boot.loader.systemd-boot.enable = true at hosts/razer/configuration.nix:110
          features.ai.claude = true at hosts/razer/configuration.nix:60
          features.ai.enable = true at hosts/razer/configuration.nix:59
          features.ai.gemini = true at hosts/razer/configuration.nix:61
          features.desktop.bluetooth = true at hosts/razer/configuration.nix:43
          features.desktop.displayManager = "sddm" at hosts/razer/configuration.nix:42
          features.desktop.enable = true at hosts/razer/configuration.nix:40
          features.desktop.environment = "hyprland" at hosts/razer/configuration.nix:41
          features.development.enable = true at hosts/razer/configuration.nix:45
          features.development.go = true at hosts/razer/configuration.nix:47
          features.development.nodejs = true at hosts/razer/configuration.nix:49
          features.development.python = true at hosts/razer/configuration.nix:46
          features.development.rust = true [mkDefault] at hosts/razer/configuration.nix:48
          features.development.vscode = true at hosts/razer/configuration.nix:50
          features.gaming.enable = config.features.desktop.enable at hosts/razer/configuration.nix:53
          features.gaming.gamemode = true at hosts/razer/configuration.nix:55
          features.gaming.steam = true at hosts/razer/configuration.nix:54
          features.nodeExporter.enable = false [mkForce] at hosts/razer/configuration.nix:70
          features.tailscale.acceptRoutes = true at hosts/razer/configuration.nix:67
          features.tailscale.enable = true at hosts/razer/configuration.nix:66
          features.virtualization.enable = true at hosts/razer/configuration.nix:63
          features.virtualization.podman = true at hosts/razer/configuration.nix:64
          hardware.enableRedistributableFirmware = true at hosts/razer/configuration.nix:79
          hardware.openrazer.batteryNotifier.enable = true at hosts/razer/configuration.nix:85
          hardware.openrazer.enable = true at hosts/razer/configuration.nix:83
          home-manager.users.alex.wayland.windowManager.hyprland.enable = true at hosts/razer/configuration.nix:141
          home-manager.users.alex.wayland.windowManager.hyprland.settings.input.touchpad.natural_scroll = true at hosts/razer/configuration.nix:146
          modules.hardware.intel.enable = true at hosts/razer/configuration.nix:73
          modules.hardware.intel.vaapi = true at hosts/razer/configuration.nix:74
          modules.hardware.nvidia.enable = true at hosts/razer/nixos/prime.nix:5
          modules.hardware.nvidia.open = true at hosts/razer/nixos/prime.nix:7
          modules.hardware.nvidia.prime = inherit (vars.hardwareProfile) prime; at hosts/razer/nixos/prime.nix:6
          networking.firewall.enable = true at hosts/razer/configuration.nix:129
          networking.networkmanager.enable = true at hosts/razer/configuration.nix:124
          networking.networkmanager.wifi.powersave = true at hosts/razer/configuration.nix:126
          networking.useDHCP = true [mkDefault] at hosts/razer/hardware-configuration.nix:34
          services.automatic-timezoned.enable = true at hosts/razer/configuration.nix:163
          services.power-profiles-daemon.enable = false at hosts/razer/configuration.nix:89
          services.tlp.enable = true at hosts/razer/configuration.nix:91
        host samsung <- hosts/samsung/configuration.nix
          template laptop (templates/laptop.nix) ImportsOnly
          hardware ["modules/hardware/intel.nix", "hardware-profiles/intel.nix"] nixos-hardware ["common-cpu-intel", "common-pc-laptop"]
          imports hosts/samsung/configuration.nix modules/features.nix modules/common/base.nix modules/common/users.nix modules/security/hardening.nix modules/security/ssh.nix modules/networking/tailscale.nix modules/monitoring/node-exporter.nix modules/desktop/hyprland.nix modules/desktop/display-manager.nix modules/desktop/audio.nix modules/development/languages.nix modules/programs/cli-tools.nix hosts/samsung/hardware-configuration.nix hosts/samsung/local.nix modules/desktop/plasma.nix modules/hardware/intel.nix
          boot.loader.efi.canTouchEfiVariables = true at hosts/samsung/configuration.nix:67
          boot.loader.systemd-boot.enable = true at hosts/samsung/configuration.nix:66
          features.desktop.bluetooth = true at hosts/samsung/configuration.nix:38
          features.desktop.displayManager = "sddm" at hosts/samsung/configuration.nix:37
          features.desktop.enable = true at hosts/samsung/configuration.nix:34
          features.desktop.environment = "plasma" at hosts/samsung/configuration.nix:36
          features.development.enable = true at hosts/samsung/configuration.nix:41
          features.development.neovim = true at hosts/samsung/configuration.nix:43
          features.development.python = true at hosts/samsung/configuration.nix:42
          features.development.vscode = false at hosts/samsung/configuration.nix:44
          features.security.hardening = true [mkDefault] at hosts/samsung/configuration.nix:50
          features.tailscale.acceptRoutes = true at hosts/samsung/configuration.nix:48
          features.tailscale.enable = true at hosts/samsung/configuration.nix:47
          hardware.enableRedistributableFirmware = true at hosts/samsung/configuration.nix:60
          hardware.sensor.iio.enable = true at hosts/samsung/configuration.nix:61
          modules.desktop.audio.enable = true at hosts/samsung/configuration.nix:57
          modules.hardware.intel.enable = hw.cpu == "intel" at hosts/samsung/configuration.nix:54
          modules.hardware.intel.vaapi = true at hosts/samsung/configuration.nix:55
          networking.firewall.enable = true at hosts/samsung/configuration.nix:72
          networking.networkmanager.enable = true at hosts/samsung/configuration.nix:71
          networking.useDHCP = true [mkDefault] at hosts/samsung/hardware-configuration.nix:34
          services.power-profiles-daemon.enable = false at hosts/samsung/configuration.nix:63
          services.tlp.enable = true at hosts/samsung/configuration.nix:64
        host dex5550 <- hosts/dex5550/configuration.nix
          template server (templates/server.nix) Applied
          hardware ["modules/hardware/intel.nix", "hardware-profiles/intel.nix"] nixos-hardware ["common-cpu-intel", "common-pc-ssd"]
          imports hosts/dex5550/configuration.nix templates/server.nix modules/features.nix modules/common/base.nix modules/common/users.nix modules/security/hardening.nix modules/security/ssh.nix modules/networking/tailscale.nix modules/monitoring/node-exporter.nix modules/programs/cli-tools.nix modules/virtualization/docker.nix hosts/dex5550/hardware-configuration.nix hosts/dex5550/nixos/monitoring.nix hosts/dex5550/nixos/alerting.nix modules/hardware/intel.nix modules/monitoring/prometheus.nix modules/monitoring/grafana.nix modules/monitoring/alertmanager.nix
          boot.loader.efi.canTouchEfiVariables = true at hosts/dex5550/configuration.nix:66
          boot.loader.systemd-boot.enable = true at hosts/dex5550/configuration.nix:65
          documentation.nixos.enable = false [mkDefault] at templates/server.nix:25 (template)
          features.alertmanager.enable = true at hosts/dex5550/configuration.nix:47
          features.desktop.enable = false [mkDefault] at templates/server.nix:19 (template)
          features.grafana.enable = true at hosts/dex5550/configuration.nix:43
          features.prometheus.enable = true at hosts/dex5550/configuration.nix:38
          features.security.auditd = true at hosts/dex5550/configuration.nix:49
          features.security.fail2ban = true [mkDefault] at templates/server.nix:18 (template)
          features.tailscale.enable = true [mkDefault] at templates/server.nix:17 (template)
          features.tailscale.ssh = true at hosts/dex5550/configuration.nix:50
          modules.containers.docker.enable = false at hosts/dex5550/configuration.nix:56
          modules.hardware.intel.enable = true at hosts/dex5550/configuration.nix:52
          modules.hardware.intel.vaapi = false at hosts/dex5550/configuration.nix:53
          networking.firewall.enable = true at hosts/dex5550/configuration.nix:77
          networking.useDHCP = true [mkDefault] at hosts/dex5550/hardware-configuration.nix:34
          networking.useNetworkd = true at hosts/dex5550/configuration.nix:70
          services.fstrim.enable = true [mkDefault] at templates/server.nix:26 (template)
          services.prometheus.alertmanager.configuration.global.smtp_require_tls = true at hosts/dex5550/nixos/alerting.nix:12
          services.prometheus.exporters.blackbox.enable = true at hosts/dex5550/configuration.nix:85
          systemd.targets.hibernate.enable = false [mkDefault] at templates/server.nix:24 (template)
          systemd.targets.sleep.enable = false [mkDefault] at templates/server.nix:22 (template)
          systemd.targets.suspend.enable = false [mkDefault] at templates/server.nix:23 (template)
        host hp <- hosts/hp/default.nix
          template server (templates/server.nix) ImportsOnly
          hardware ["modules/hardware/intel.nix", "hardware-profiles/intel.nix"] nixos-hardware ["common-cpu-intel"]
          imports hosts/hp/default.nix modules/features.nix modules/common/base.nix modules/common/users.nix modules/security/hardening.nix modules/security/ssh.nix modules/networking/tailscale.nix modules/monitoring/node-exporter.nix modules/programs/cli-tools.nix modules/virtualization/docker.nix hosts/hp/hardware-configuration.nix modules/hardware/intel.nix modules/services/backup.nix
          boot.loader.efi.canTouchEfiVariables = true at hosts/hp/default.nix:45
          boot.loader.systemd-boot.enable = true at hosts/hp/default.nix:44
          features.backup.enable = true at hosts/hp/default.nix:29
          features.development.enable = false [mkDefault] at hosts/hp/default.nix:35
          features.security.fail2ban = true at hosts/hp/default.nix:27
          features.tailscale.enable = true at hosts/hp/default.nix:26
          modules.containers.docker.enable = true at hosts/hp/default.nix:41
          modules.hardware.intel.enable = hw.cpu == "intel" at hosts/hp/default.nix:38
          modules.hardware.intel.vaapi = false at hosts/hp/default.nix:39
          networking.firewall.enable = false at hosts/hp/default.nix:61
          networking.useDHCP = true [mkDefault] at hosts/hp/hardware-configuration.nix:40
          services.avahi.enable = true at hosts/hp/default.nix:73
          services.avahi.nssmdns4 = true at hosts/hp/default.nix:74
          services.avahi.publish.enable = true at hosts/hp/default.nix:76
          services.avahi.publish.userServices = true at hosts/hp/default.nix:77
          services.printing.browsing = true at hosts/hp/default.nix:68
          services.printing.defaultShared = true at hosts/hp/default.nix:69
          services.printing.enable = true at hosts/hp/default.nix:65
          services.smartd.enable = true at hosts/hp/default.nix:93
        option boot.initrd.systemd.enable Bool default= category=boot in  hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option boot.loader.efi.canTouchEfiVariables Bool default= category=boot in  hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option boot.loader.systemd-boot.editor Bool default= category=boot in  hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option boot.loader.systemd-boot.enable Bool default= category=boot in  hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option boot.loader.systemd-boot.memtest86.enable Bool default= category=boot in  hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option boot.plymouth.enable Bool default= category=boot in  hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option boot.tmp.useTmpfs Bool default= category=boot in  hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option console.earlySetup Bool default= category=console in  hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option documentation.dev.enable Bool default= category=documentation in  hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option documentation.enable Bool default= category=documentation in  hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option documentation.man.generateCaches Bool default= category=documentation in  hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option documentation.nixos.enable Bool default= category=documentation in  hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option documentation.nixos.includeAllModules Bool default= category=documentation in  hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option features.ai.claude Bool default=false category=ai in modules/features.nix hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option features.ai.enable Bool default=false category=ai in modules/features.nix hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option features.ai.gemini Bool default=false category=ai in modules/features.nix hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option features.ai.ollama Bool default=false category=ai in modules/features.nix hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option features.alertmanager.enable Bool default=false category=monitoring in modules/monitoring/alertmanager.nix hosts=["dex5550"] toggle=true
        option features.alertmanager.port Other { type_text: "types.port" } default=9093 category=monitoring in modules/monitoring/alertmanager.nix hosts=["dex5550"] toggle=false
        option features.arr.enable Bool default=false category=media in modules/media/arr.nix hosts=["p510"] toggle=true
        option features.arr.prowlarr Bool default=false category=media in modules/media/arr.nix hosts=["p510"] toggle=true
        option features.arr.radarr Bool default=false category=media in modules/media/arr.nix hosts=["p510"] toggle=true
        option features.arr.sonarr Bool default=false category=media in modules/media/arr.nix hosts=["p510"] toggle=true
        option features.backup.enable Bool default=false category=services in modules/services/backup.nix hosts=["p620", "p510", "hp"] toggle=true
        option features.backup.paths Other { type_text: "types.listOf types.str" } default=[ "/home" ] category=services in modules/services/backup.nix hosts=["p620", "p510", "hp"] toggle=false
        option features.backup.repository Other { type_text: "types.str" } default="sftp:backup@p510.tailnet-demo.ts.net:/srv/backup/${config.networking.hostName}" category=services in modules/services/backup.nix hosts=["p620", "p510", "hp"] toggle=false
        option features.binaryCache.enable Bool default=false category=services in modules/services/binary-cache.nix hosts=["p620"] toggle=true
        option features.binaryCache.port Other { type_text: "types.port" } default=5000 category=services in modules/services/binary-cache.nix hosts=["p620"] toggle=false
        option features.desktop.bluetooth Bool default=false category=desktop in modules/features.nix hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option features.desktop.displayManager Enum { values: ["gdm", "sddm", "none"] } default="sddm" category=desktop in modules/features.nix hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option features.desktop.enable Bool default=false category=desktop in modules/features.nix hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option features.desktop.environment Enum { values: ["hyprland", "plasma"] } default="hyprland" category=desktop in modules/features.nix hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option features.desktop.wayland Bool default=true category=desktop in modules/features.nix hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option features.development.enable Bool default=false category=development in modules/features.nix hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option features.development.go Bool default=false category=development in modules/features.nix hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option features.development.java Bool default=false category=development in modules/features.nix hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option features.development.lua Bool default=false category=development in modules/features.nix hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option features.development.neovim Bool default=true category=development in modules/features.nix hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option features.development.nodejs Bool default=false category=development in modules/features.nix hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option features.development.python Bool default=false category=development in modules/features.nix hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option features.development.rust Bool default=false category=development in modules/features.nix hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option features.development.vscode Bool default=false category=development in modules/features.nix hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option features.gaming.enable Bool default=false category=gaming in modules/features.nix hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option features.gaming.gamemode Bool default=false category=gaming in modules/features.nix hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option features.gaming.steam Bool default=false category=gaming in modules/features.nix hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option features.grafana.domain Other { type_text: "types.str" } default="${config.networking.hostName}.tailnet-demo.ts.net" category=monitoring in modules/monitoring/grafana.nix hosts=["dex5550"] toggle=false
        option features.grafana.enable Bool default=false category=monitoring in modules/monitoring/grafana.nix hosts=["dex5550"] toggle=true
        option features.grafana.port Other { type_text: "types.port" } default=3000 category=monitoring in modules/monitoring/grafana.nix hosts=["dex5550"] toggle=false
        option features.jellyfin.enable Bool default=false category=media in modules/media/jellyfin.nix hosts=["p510"] toggle=true
        option features.jellyfin.port Other { type_text: "types.port" } default=8096 category=media in modules/media/jellyfin.nix hosts=["p510"] toggle=false
        option features.microvm.autostart Bool default=false category=virtualization in modules/virtualization/microvm.nix hosts=["p620"] toggle=true
        option features.microvm.enable Bool default=false category=virtualization in modules/virtualization/microvm.nix hosts=["p620"] toggle=true
        option features.microvm.vms Other { type_text: "types.listOf types.str" } default=[ ] category=virtualization in modules/virtualization/microvm.nix hosts=["p620"] toggle=false
        option features.nextcloud.enable Bool default=false category=services in modules/services/nextcloud.nix hosts=[] toggle=true
        option features.nextcloud.hostName Other { type_text: "types.str" } default="cloud.tailnet-demo.ts.net" category=services in modules/services/nextcloud.nix hosts=[] toggle=false
        option features.nodeExporter.enable Bool default=true category=monitoring in modules/monitoring/node-exporter.nix hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option features.nodeExporter.port Other { type_text: "types.port" } default=9100 category=monitoring in modules/monitoring/node-exporter.nix hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=false
        option features.plex.enable Bool default=false category=media in modules/media/plex.nix hosts=["p510"] toggle=true
        option features.plex.openFirewall Bool default=false category=media in modules/media/plex.nix hosts=["p510"] toggle=true
        option features.prometheus.enable Bool default=false category=monitoring in modules/monitoring/prometheus.nix hosts=["dex5550"] toggle=true
        option features.prometheus.port Other { type_text: "types.port" } default=9090 category=monitoring in modules/monitoring/prometheus.nix hosts=["dex5550"] toggle=false
        option features.prometheus.retention Other { type_text: "types.str" } default="30d" category=monitoring in modules/monitoring/prometheus.nix hosts=["dex5550"] toggle=false
        option features.security.auditd Bool default=false category=security in modules/features.nix hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option features.security.fail2ban Bool default=false category=security in modules/features.nix hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option features.security.hardening Bool default=true category=security in modules/features.nix hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option features.tailscale.acceptRoutes Bool default=true category=networking in modules/networking/tailscale.nix hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option features.tailscale.enable Bool default=false category=networking in modules/networking/tailscale.nix hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option features.tailscale.exitNode Bool default=false category=networking in modules/networking/tailscale.nix hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option features.tailscale.ssh Bool default=false category=networking in modules/networking/tailscale.nix hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option features.virtualization.enable Bool default=false category=virtualization in modules/features.nix hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option features.virtualization.libvirt Bool default=false category=virtualization in modules/features.nix hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option features.virtualization.podman Bool default=false category=virtualization in modules/features.nix hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option hardware.enableAllFirmware Bool default= category=hardware in  hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option hardware.enableRedistributableFirmware Bool default= category=hardware in  hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option hardware.keyboard.qmk.enable Bool default= category=hardware in  hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option hardware.keyboard.zsa.enable Bool default= category=hardware in  hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option hardware.nvidia.nvidiaPersistenced Bool default= category=hardware in  hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option hardware.openrazer.batteryNotifier.enable Bool default= category=hardware in  hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option hardware.openrazer.enable Bool default= category=hardware in  hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option hardware.rasdaemon.enable Bool default= category=hardware in  hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option hardware.sane.enable Bool default= category=hardware in  hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option hardware.sensor.iio.enable Bool default= category=hardware in  hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option home-manager.users.alex.programs.btop.enable Bool default= category=home-manager in  hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option home-manager.users.alex.programs.kitty.enable Bool default= category=home-manager in  hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option home-manager.users.alex.services.syncthing.tray.enable Bool default= category=home-manager in  hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option home-manager.users.alex.wayland.windowManager.hyprland.enable Bool default= category=home-manager in  hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option home-manager.users.alex.wayland.windowManager.hyprland.settings.input.touchpad.natural_scroll Bool default= category=home-manager in  hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option modules.containers.docker.enable Bool default=false category=virtualization in modules/virtualization/docker.nix hosts=["p620", "p510", "dex5550", "hp"] toggle=true
        option modules.containers.docker.rootless Bool default=false category=virtualization in modules/virtualization/docker.nix hosts=["p620", "p510", "dex5550", "hp"] toggle=true
        option modules.containers.docker.storageDriver Enum { values: ["overlay2", "btrfs", "zfs"] } default="overlay2" category=virtualization in modules/virtualization/docker.nix hosts=["p620", "p510", "dex5550", "hp"] toggle=true
        option modules.desktop.audio.enable Bool default=false category=desktop in modules/desktop/audio.nix hosts=["p620", "razer", "samsung"] toggle=true
        option modules.desktop.audio.lowLatency Bool default=false category=desktop in modules/desktop/audio.nix hosts=["p620", "razer", "samsung"] toggle=true
        option modules.hardware.amd.enable Bool default=false category=hardware in modules/hardware/amd.nix hosts=["p620"] toggle=true
        option modules.hardware.amd.gfxOverride Other { type_text: "types.nullOr types.str" } default=null category=hardware in modules/hardware/amd.nix hosts=["p620"] toggle=false
        option modules.hardware.amd.rocm Bool default=false category=hardware in modules/hardware/amd.nix hosts=["p620"] toggle=true
        option modules.hardware.intel.enable Bool default=false category=hardware in modules/hardware/intel.nix hosts=["p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option modules.hardware.intel.vaapi Bool default=true category=hardware in modules/hardware/intel.nix hosts=["p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option modules.hardware.nvidia.enable Bool default=false category=hardware in modules/hardware/nvidia.nix hosts=["p510", "razer"] toggle=true
        option modules.hardware.nvidia.intelBusId Other { type_text: "types.str" } default="" category=hardware in modules/hardware/nvidia.nix hosts=["p510", "razer"] toggle=false
        option modules.hardware.nvidia.nvidiaBusId Other { type_text: "types.str" } default="" category=hardware in modules/hardware/nvidia.nix hosts=["p510", "razer"] toggle=false
        option modules.hardware.nvidia.open Bool default=false category=hardware in modules/hardware/nvidia.nix hosts=["p510", "razer"] toggle=true
        option modules.hardware.nvidia.prime Enum { values: ["offload", "sync", "none"] } default="none" category=hardware in modules/hardware/nvidia.nix hosts=["p510", "razer"] toggle=true
        option modules.security.ssh.enable Bool default=true category=security in modules/security/ssh.nix hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option modules.services.ollama.acceleration Enum { values: ["rocm", "cuda", "cpu"] } default="cpu" category=services in modules/services/ollama.nix hosts=["p620", "p510"] toggle=true
        option modules.services.ollama.enable Bool default=false category=services in modules/services/ollama.nix hosts=["p620", "p510"] toggle=true
        option modules.services.ollama.listenOnTailnet Bool default=false category=services in modules/services/ollama.nix hosts=["p620", "p510"] toggle=true
        option networking.firewall.enable Bool default= category=networking in  hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option networking.networkmanager.enable Bool default= category=networking in  hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option networking.networkmanager.wifi.powersave Bool default= category=networking in  hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option networking.useDHCP Bool default= category=networking in  hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option networking.useNetworkd Bool default= category=networking in  hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option nix.distributedBuilds Bool default= category=nix in  hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option nix.settings.keep-derivations Bool default= category=nix in  hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option nix.settings.keep-outputs Bool default= category=nix in  hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option programs.adb.enable Bool default= category=programs in  hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option programs.appimage.binfmt Bool default= category=programs in  hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option programs.appimage.enable Bool default= category=programs in  hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option programs.firefox.enable Bool default= category=programs in  hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option programs.firefox.policies.DNSOverHTTPS.Enabled Bool default= category=programs in  hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option programs.firefox.policies.DisableFirefoxStudies Bool default= category=programs in  hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option programs.firefox.policies.DisablePocket Bool default= category=programs in  hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option programs.firefox.policies.DisableTelemetry Bool default= category=programs in  hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option programs.firefox.policies.OfferToSaveLogins Bool default= category=programs in  hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option programs.gnupg.agent.enable Bool default= category=programs in  hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option programs.gnupg.agent.enableSSHSupport Bool default= category=programs in  hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option programs.hyprland.withUWSM Bool default= category=programs in  hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option programs.wireshark.enable Bool default= category=programs in  hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option security.pam.u2f.enable Bool default= category=security in  hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option security.pam.u2f.settings.cue Bool default= category=security in  hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option services.automatic-timezoned.enable Bool default= category=services in  hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option services.avahi.enable Bool default= category=services in  hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option services.avahi.nssmdns4 Bool default= category=services in  hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option services.avahi.openFirewall Bool default= category=services in  hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option services.avahi.publish.enable Bool default= category=services in  hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option services.avahi.publish.userServices Bool default= category=services in  hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option services.desktopManager.plasma6.enable Bool default= category=services in  hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option services.flatpak.enable Bool default= category=services in  hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option services.fstrim.enable Bool default= category=services in  hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option services.gvfs.enable Bool default= category=services in  hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option services.nfs.server.enable Bool default= category=services in  hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option services.pcscd.enable Bool default= category=services in  hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option services.power-profiles-daemon.enable Bool default= category=services in  hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option services.printing.browsing Bool default= category=services in  hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option services.printing.defaultShared Bool default= category=services in  hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option services.printing.enable Bool default= category=services in  hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option services.prometheus.alertmanager.configuration.global.smtp_require_tls Bool default= category=services in  hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option services.prometheus.exporters.blackbox.enable Bool default= category=services in  hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option services.ratbagd.enable Bool default= category=services in  hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option services.smartd.autodetect Bool default= category=services in  hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option services.smartd.enable Bool default= category=services in  hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option services.smartd.notifications.wall.enable Bool default= category=services in  hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option services.syncthing.enable Bool default= category=services in  hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option services.syncthing.openDefaultPorts Bool default= category=services in  hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option services.syncthing.overrideDevices Bool default= category=services in  hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option services.syncthing.overrideFolders Bool default= category=services in  hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option services.tlp.enable Bool default= category=services in  hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option services.udisks2.enable Bool default= category=services in  hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option system.autoUpgrade.allowReboot Bool default= category=system in  hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option system.autoUpgrade.enable Bool default= category=system in  hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option systemd.network.wait-online.anyInterface Bool default= category=systemd in  hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option systemd.oomd.enable Bool default= category=systemd in  hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option systemd.oomd.enableRootSlice Bool default= category=systemd in  hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option systemd.oomd.enableUserSlices Bool default= category=systemd in  hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option systemd.services.media-size-metrics.serviceConfig.NoNewPrivileges Bool default= category=systemd in  hosts=["p510"] toggle=true
        option systemd.services.media-size-metrics.serviceConfig.PrivateTmp Bool default= category=systemd in  hosts=["p510"] toggle=true
        option systemd.services.media-size-metrics.serviceConfig.ProtectHome Bool default= category=systemd in  hosts=["p510"] toggle=true
        option systemd.services.ollama-pull-models.serviceConfig.DynamicUser Bool default= category=systemd in  hosts=["p620"] toggle=true
        option systemd.services.ollama-pull-models.serviceConfig.RemainAfterExit Bool default= category=systemd in  hosts=["p620"] toggle=true
        option systemd.services.serial-getty@ttyS0.enable Bool default= category=systemd in  hosts=["p510"] toggle=true
        option systemd.targets.hibernate.enable Bool default= category=systemd in  hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option systemd.targets.sleep.enable Bool default= category=systemd in  hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option systemd.targets.suspend.enable Bool default= category=systemd in  hosts=["p620", "p510", "razer", "samsung", "dex5550", "hp"] toggle=true
        option users.users.backup.isSystemUser Bool default= category=users in  hosts=["p510"] toggle=true
        option users.users.nixremote.isSystemUser Bool default= category=users in  hosts=["p510"] toggle=true
        dependency features.ai.ollama Requires modules.services.ollama.enable (Some("features.ai.ollama points the AI tools at a local Ollama; enable modules.services.ollama (and import modules/services/ollama.nix)."))
        dependency features.alertmanager.enable Requires features.prometheus.enable (Some("features.alertmanager is wired to the local Prometheus; enable features.prometheus."))
        dependency features.arr.enable Requires modules.containers.docker.enable (Some("features.arr runs FlareSolverr as a Docker container; set modules.containers.docker.enable = true."))
        dependency features.gaming.steam Requires features.desktop.enable (Some("features.gaming.steam needs a desktop session (features.desktop.enable)."))
        dependency features.grafana.enable Requires features.prometheus.enable (Some("features.grafana provisions the local Prometheus as data source; enable features.prometheus too."))
        dependency features.microvm.enable Requires features.virtualization.enable (Some("features.microvm needs KVM: set features.virtualization.enable = true."))
        dependency features.virtualization.libvirt Requires features.virtualization.enable (Some("features.virtualization.libvirt requires features.virtualization.enable."))
        dependency modules.services.ollama.acceleration==rocm Requires modules.hardware.amd.rocm (Some("modules.services.ollama.acceleration = \"rocm\" needs modules.hardware.amd.rocm = true."))
        dependency modules.services.ollama.acceleration==cuda Requires modules.hardware.nvidia.enable (Some("modules.services.ollama.acceleration = \"cuda\" needs modules.hardware.nvidia.enable = true."))
        template laptop templates/laptop.nix ["razer", "samsung"]
        template server templates/server.nix ["p510", "dex5550", "hp"]
        template workstation templates/workstation.nix ["p620"]
        profile amd hardware-profiles/amd.nix Data ["p620"]
        profile intel hardware-profiles/intel.nix Data ["p510", "razer", "samsung", "dex5550", "hp"]
        profile nvidia hardware-profiles/nvidia.nix Data ["p510", "razer"]
        profile amd modules/hardware/amd.nix Module ["p620"]
        profile intel modules/hardware/intel.nix Module ["p510", "razer", "samsung", "dex5550", "hp"]
        profile nvidia modules/hardware/nvidia.nix Module ["p510", "razer"]
    "#]].assert_eq(&super::discover::render(&fleet));
}

#[test]
fn every_demo_host_with_its_entry() {
    let fleet = discover(&demo_fleet());
    let hosts: Vec<(&str, &str)> =
        fleet.hosts.iter().map(|host| (host.name.as_str(), host.entry.as_str())).collect();
    assert_eq!(
        hosts,
        [
            ("p620", "hosts/p620/configuration.nix"),
            ("p510", "hosts/p510/configuration.nix"),
            ("razer", "hosts/razer/configuration.nix"),
            ("samsung", "hosts/samsung/configuration.nix"),
            ("dex5550", "hosts/dex5550/configuration.nix"),
            ("hp", "hosts/hp/default.nix"),
        ]
    );
}

#[test]
fn host_edits_on_the_demo_fleet_rediscover_cleanly() {
    let files = demo_fleet();
    let fleet = discover(&files);
    let apply = |change: ChangeSet| {
        let mut updated = files.clone();
        for (path, content) in change.files {
            updated.insert(&path, content).unwrap();
        }
        updated
            .iter()
            .filter(|(path, _)| !change.deleted.iter().any(|gone| gone == path))
            .map(|(path, content)| (path.to_owned(), content.to_owned()))
            .collect::<FileSet>()
    };
    let switched =
        discover(&apply(switch_hardware_profile(&files, &fleet, "p620", "intel").unwrap()));
    assert_eq!(switched.host("p620").unwrap().hardware_profile.as_deref(), Some("intel"));
    let retyped = discover(&apply(switch_template(&files, &fleet, "samsung", "server").unwrap()));
    assert_eq!(retyped.host("samsung").unwrap().template.as_ref().unwrap().name, "server");
    let created = discover(&apply(create_host(&files, &fleet, "razer", "blade").unwrap()));
    let (razer, blade) = (created.host("razer").unwrap(), created.host("blade").unwrap());
    assert_eq!(blade.entry, "hosts/blade/configuration.nix");
    assert_eq!(blade.values.len(), razer.values.len());
    let removed = discover(&apply(remove_host(&files, &fleet, "hp").unwrap()));
    assert!(removed.host("hp").is_none() && removed.hosts.len() == 5);
}

#[track_caller]
fn check_set(host: &str, assignments: &[&str], expected: &expect_test::Expect) {
    let files = demo_fleet();
    let fleet = discover(&files);
    let requests: Vec<_> =
        assignments.iter().map(|assignment| parse_request(&fleet, assignment).unwrap()).collect();
    let actual = match set_toggles(&files, &fleet, host, &requests) {
        Ok(change) => {
            let notes: String = change.notes.iter().map(|note| format!("note: {note}\n")).collect();
            format!("{notes}{}", change.diff)
        }
        Err(error) => format!("error: {error}\n"),
    };
    let trimmed: String = actual.lines().map(|line| format!("{}\n", line.trim_end())).collect();
    expected.assert_eq(&trimmed);
}

#[test]
fn demo_edits_read_like_a_careful_person_wrote_them() {
    check_set(
        "samsung",
        &["features.gaming.steam=true"],
        &expect![[r#"
        --- a/hosts/samsung/configuration.nix
        +++ b/hosts/samsung/configuration.nix
        @@ -48,6 +48,7 @@
               acceptRoutes = true;
             };
             security.hardening = lib.mkDefault true;
        +    gaming.steam = true;
           };

           modules.hardware.intel = {
    "#]],
    );
    check_set(
        "hp",
        &["features.grafana.enable=true"],
        &expect![[r#"
        note: imports modules/monitoring/grafana.nix into hosts/hp/default.nix
        note: also sets features.prometheus.enable = true (required)
        note: imports modules/monitoring/prometheus.nix into hosts/hp/default.nix
        --- a/hosts/hp/default.nix
        +++ b/hosts/hp/default.nix
        @@ -21,6 +21,8 @@
             ../../modules/hardware/intel.nix
             ../../modules/services/backup.nix
             inputs.nixos-hardware.nixosModules.common-cpu-intel
        +    ../../modules/monitoring/grafana.nix
        +    ../../modules/monitoring/prometheus.nix
           ];

           features.tailscale.enable = true;
        @@ -33,6 +35,8 @@
             ];
           };
           features.development.enable = lib.mkDefault false;
        +  features.grafana.enable = true;
        +  features.prometheus.enable = true;

           modules.hardware.intel = {
             enable = hw.cpu == "intel";
    "#]],
    );
    check_set(
        "p510",
        &["modules.services.ollama.acceleration=cuda"],
        &expect![[r#"
        error: `modules.services.ollama.acceleration` is set by the expression `inherit (gpu) acceleration;` at hosts/p510/configuration.nix:124; edit it by hand
    "#]],
    );
    check_set(
        "dex5550",
        &["modules.containers.docker.enable=true", "features.arr.enable=true"],
        &expect![[r#"
            note: imports modules/media/arr.nix into hosts/dex5550/configuration.nix
            --- a/hosts/dex5550/configuration.nix
            +++ b/hosts/dex5550/configuration.nix
            @@ -29,6 +29,7 @@

                 inputs.nixos-hardware.nixosModules.common-cpu-intel
                 inputs.nixos-hardware.nixosModules.common-pc-ssd
            +    ../../modules/media/arr.nix
               ];

               _module.args.vars = vars;
            @@ -45,6 +46,7 @@
                   domain = "grafana.tailnet-demo.ts.net";
                 };
                 alertmanager.enable = true;
            +    arr.enable = true;
               };
               features.security.auditd = true;
               features.tailscale.ssh = true;
            @@ -53,7 +55,7 @@
               modules.hardware.intel.vaapi = false; # headless

               # Docker comes with the server template's imports; nothing here uses it.
            -  modules.containers.docker.enable = false;
            +  modules.containers.docker.enable = true;

               # Grafana and Prometheus UIs: tailnet only.
               networking.firewall.interfaces."tailscale0".allowedTCPPorts = [
        "#]],
    );
}

#[test]
fn host_from_a_template_on_the_demo_fleet() {
    let files = demo_fleet();
    let fleet = discover(&files);
    let change = create_host_from_template(&files, &fleet, "laptop", "blade").unwrap();
    let notes: String = change.notes.iter().map(|note| format!("note: {note}\n")).collect();
    expect![[r#"
        note: uses template `laptop` the way razer does; registered in flake.nix like razer
        note: hosts/blade/hardware-configuration.nix is a placeholder: run nixos-generate-config on the machine
        --- a/flake.nix
        +++ b/flake.nix
        @@ -67,6 +67,7 @@
                 p620 = mkHost "p620";
                 p510 = mkHost "p510";
                 razer = mkHost "razer";
        +        blade = mkHost "blade";
                 samsung = mkHost "samsung";
                 dex5550 = mkHost "dex5550";
                 hp = mkHostFrom "hp" ./hosts/hp/default.nix;
        --- /dev/null
        +++ b/hosts/blade/configuration.nix
        @@ -0,0 +1,16 @@
        +# blade: created by nixstudio from a template.
        +{ lib, ... }:
        +let
        +  hostTypes = import ../../templates { inherit lib; };
        +in
        +{
        +  imports = hostTypes.laptop.imports ++ [
        +    ./hardware-configuration.nix
        +  ];
        +
        +  networking.hostName = "blade";
        +
        +  # Copied from razer. Set it to the NixOS release this machine is first
        +  # installed with, then never change it.
        +  system.stateVersion = "24.11";
        +}
        --- /dev/null
        +++ b/hosts/blade/hardware-configuration.nix
        @@ -0,0 +1,7 @@
        +# PLACEHOLDER: generate this file on the machine itself with
        +#   nixos-generate-config --show-hardware-config > hosts/blade/hardware-configuration.nix
        +# and commit the result. Until then the host has no file systems or boot loader
        +# and will not build.
        +{ ... }:
        +{
        +}
    "#]].assert_eq(&format!("{notes}{}", change.diff));

    for (path, content) in &change.files {
        assert!(rnix::Root::parse(content).errors().is_empty(), "{path} does not parse");
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        // A new file has no original; `{ }` stands in so real Nix must accept it.
        let nix: Vec<_> = change
            .files
            .iter()
            .map(|(path, content)| {
                (path.clone(), files.get(path).unwrap_or("{ }").to_owned(), content.clone())
            })
            .collect();
        super::properties::check_with_nix(&nix);
    }

    let mut updated = files;
    for (path, content) in change.files {
        updated.insert(&path, content).unwrap();
    }
    let rediscovered = discover(&updated);
    let blade = rediscovered.host("blade").unwrap();
    assert_eq!(blade.entry, "hosts/blade/configuration.nix");
    assert_eq!(blade.template.as_ref().unwrap().name, "laptop");
    let razer = rediscovered.host("razer").unwrap();
    let template_imports = |host: &shared::fleet::Host| {
        host.imports.iter().filter(|file| file.starts_with("modules/")).count()
    };
    assert!(template_imports(blade) > 0 && template_imports(blade) <= template_imports(razer));
}

#[test]
fn host_from_a_template_refuses_unknown_templates_and_taken_names() {
    let files = demo_fleet();
    let fleet = discover(&files);
    let refusal = |template: &str, name: &str| {
        create_host_from_template(&files, &fleet, template, name).unwrap_err().to_string()
    };
    expect!["unknown template `kiosk`; templates are: laptop, server, workstation"]
        .assert_eq(&refusal("kiosk", "blade"));
    expect!["host `razer` already exists"].assert_eq(&refusal("laptop", "razer"));
    expect!["host `bad name` already exists"].assert_eq(&refusal("laptop", "bad name"));
}
