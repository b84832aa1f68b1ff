#!/bin/bash
# init of the test VM (vm_lib.sh): the kernel starts it on the host's root, mounted read-only.
# It loads the modules, puts a tmpfs overlay over that root, mounts the result directory at
# /inside, makes the overlay the root and starts systemd, which runs the test. Any failure
# ends PID 1: the kernel panics and the VM stops at once instead of hanging until the host's
# deadline.
export PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8
die() { echo "vm-init: $*" >&2; exit 1; }

mount -t proc proc /proc || die "cannot mount /proc"
modules=/usr/lib/uml/modules/$(uname -r)/kernel/fs
for m in overlayfs/overlay fuse/fuse autofs/autofs4; do
  insmod "$modules/$m.ko" || die "insmod $m failed"
done

# /tmp exists on any root.
mount -t tmpfs -o mode=0755 vm /tmp || die "tmpfs"
mkdir -p /tmp/upper /tmp/work /tmp/root
mount -t overlay overlay -o lowerdir=/,upperdir=/tmp/upper,workdir=/tmp/work /tmp/root ||
  die "cannot mount the overlay root"
new=/tmp/root
mkdir -p "$new/inside" "$new/oldroot"
mount -t hostfs -o "$VM_INSIDE" inside "$new/inside" || die "cannot mount $VM_INSIDE at /inside"
mount -t proc proc "$new/proc" || die "proc"
mount -t sysfs sysfs "$new/sys" || die "sysfs"
mount -t devtmpfs devtmpfs "$new/dev" || die "devtmpfs"
mkdir -p "$new/dev/pts" "$new/dev/shm"
mount -t devpts devpts "$new/dev/pts" || die "devpts"
mount -t tmpfs tmpfs "$new/dev/shm" || die "/dev/shm"
mount -t tmpfs -o mode=0755 run "$new/run" || die "/run"

cd "$new" && pivot_root . oldroot || die "pivot_root failed"
# The old root stays alive as long as the overlay needs it; nothing else should see it.
umount -l /oldroot && rmdir /oldroot || die "cannot detach the old root"

# systemd as PID 1, starting only the unit that runs the test (none of the machine's own
# services), and powering off when it ends, also on its timeout: at once (the unit syncs
# its results; nothing else in the VM is kept).
cat >/etc/systemd/system/mb-test.service <<UNIT || die "cannot write the test unit"
[Unit]
Description=mount-broker integration test, inside the VM
DefaultDependencies=no
SuccessAction=poweroff-immediate
FailureAction=poweroff-immediate
[Service]
Type=oneshot
Environment=MB_IN_VM=1 MB_BIN=$MB_BIN MB_SRC=$MB_SRC PATH=$PATH
ExecStart=/bin/bash -c 'bash $VM_SCRIPT >/inside/test.log 2>&1; echo \$\$? >/inside/rc; sync'
TimeoutStartSec=$((${VM_LIMIT:-60} - 10))
UNIT
exec chroot . /lib/systemd/systemd --unit=mb-test.service
