// pv-provisioner is a tiny stand-in for kind's local-path provisioner
// (rancher.io/local-path) on the course's kwok cluster, where no node can
// mount anything. For each PersistentVolumeClaim of a StorageClass with that
// provisioner it creates a hostPath PersistentVolume pinned to the node the
// scheduler selected (WaitForFirstConsumer) and lets the PV controller bind
// them; it deletes released volumes whose reclaim policy is Delete. No data is
// ever written: the pods that "use" the volumes are fake.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"os/signal"
	"syscall"
	"time"

	corev1 "k8s.io/api/core/v1"
	storagev1 "k8s.io/api/storage/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/informers"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/cache"
	"k8s.io/client-go/tools/clientcmd"
	"k8s.io/client-go/util/workqueue"
)

const (
	provisionerName  = "rancher.io/local-path"
	annSelectedNode  = "volume.kubernetes.io/selected-node"
	annProvisionedBy = "pv.kubernetes.io/provisioned-by"
)

var volumeDir = "/var/local-path-provisioner"

type controller struct {
	client kubernetes.Interface
	pvcs   cache.Indexer
	pvs    cache.Indexer
	scs    cache.Indexer
	queue  workqueue.TypedRateLimitingInterface[string]
}

func runPVProvisioner(args []string) {
	fs := flag.NewFlagSet("pv-provisioner", flag.ExitOnError)
	kubeconfig := fs.String("kubeconfig", os.Getenv("KUBECONFIG"), "path to a kubeconfig")
	// Real-node mode: the kubelets mount these hostPath volumes, so they live in the run dir
	// (removed by `cluster.sh down`); kwok mode never touches the path.
	volumeDirFlag := fs.String("volume-dir", "/var/local-path-provisioner", "directory of the hostPath volumes")
	// kwok drops pod deletions under load; real kubelets finish their own, so real-node mode turns this off.
	reap := fs.Bool("reap-stuck-pods", true, "force-delete pods still terminating after their grace period")
	_ = fs.Parse(args)
	volumeDir = *volumeDirFlag
	cfg, err := clientcmd.BuildConfigFromFlags("", *kubeconfig)
	if err != nil {
		log.Fatalf("kubeconfig: %v", err)
	}
	cfg.UserAgent = "k8s-course-pv-provisioner"
	client := kubernetes.NewForConfigOrDie(cfg)

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	factory := informers.NewSharedInformerFactory(client, 10*time.Minute)
	pvcInf := factory.Core().V1().PersistentVolumeClaims().Informer()
	pvInf := factory.Core().V1().PersistentVolumes().Informer()
	scInf := factory.Storage().V1().StorageClasses().Informer()
	c := &controller{
		client: client,
		pvcs:   pvcInf.GetIndexer(),
		pvs:    pvInf.GetIndexer(),
		scs:    scInf.GetIndexer(),
		queue:  workqueue.NewTypedRateLimitingQueue(workqueue.DefaultTypedControllerRateLimiter[string]()),
	}
	enqueue := func(prefix string) func(obj any) {
		return func(obj any) {
			if key, err := cache.DeletionHandlingMetaNamespaceKeyFunc(obj); err == nil {
				c.queue.Add(prefix + key)
			}
		}
	}
	handlers := func(prefix string) cache.ResourceEventHandlerFuncs {
		return cache.ResourceEventHandlerFuncs{
			AddFunc:    enqueue(prefix),
			UpdateFunc: func(_, obj any) { enqueue(prefix)(obj) },
		}
	}
	if _, err := pvcInf.AddEventHandler(handlers("pvc/")); err != nil {
		log.Fatal(err)
	}
	if _, err := pvInf.AddEventHandler(handlers("pv/")); err != nil {
		log.Fatal(err)
	}
	factory.Start(ctx.Done())
	factory.WaitForCacheSync(ctx.Done())
	log.Printf("pv-provisioner for %s started", provisionerName)
	if *reap {
		go reapStuckPods(ctx, client, 5*time.Second, 10*time.Second)
	}
	go func() {
		<-ctx.Done()
		c.queue.ShutDown()
	}()
	for c.next(ctx) {
	}
}

func (c *controller) next(ctx context.Context) bool {
	key, quit := c.queue.Get()
	if quit {
		return false
	}
	defer c.queue.Done(key)
	var err error
	switch {
	case len(key) > 4 && key[:4] == "pvc/":
		err = c.syncClaim(ctx, key[4:])
	case len(key) > 3 && key[:3] == "pv/":
		err = c.syncVolume(ctx, key[3:])
	}
	if err != nil {
		log.Printf("%s: %v (retrying)", key, err)
		c.queue.AddRateLimited(key)
		return true
	}
	c.queue.Forget(key)
	return true
}

func (c *controller) syncClaim(ctx context.Context, key string) error {
	obj, exists, err := c.pvcs.GetByKey(key)
	if err != nil || !exists {
		return err
	}
	pvc := obj.(*corev1.PersistentVolumeClaim)
	if pvc.Spec.VolumeName != "" || pvc.DeletionTimestamp != nil || pvc.Status.Phase != corev1.ClaimPending {
		return nil
	}
	scName := ""
	if pvc.Spec.StorageClassName != nil {
		scName = *pvc.Spec.StorageClassName
	}
	if scName == "" {
		return nil // the PV controller fills in the default class; we get an update then
	}
	scObj, exists, err := c.scs.GetByKey(scName)
	if err != nil || !exists {
		return err
	}
	sc := scObj.(*storagev1.StorageClass)
	if sc.Provisioner != provisionerName {
		return nil
	}
	node := pvc.Annotations[annSelectedNode]
	waitForConsumer := sc.VolumeBindingMode != nil && *sc.VolumeBindingMode == storagev1.VolumeBindingWaitForFirstConsumer
	if waitForConsumer && node == "" {
		return nil // the scheduler picks the node when a pod uses the claim
	}
	name := "pvc-" + string(pvc.UID)
	if _, exists, _ := c.pvs.GetByKey(name); exists {
		return nil
	}
	size, ok := pvc.Spec.Resources.Requests[corev1.ResourceStorage]
	if !ok {
		return fmt.Errorf("claim has no storage request")
	}
	reclaim := corev1.PersistentVolumeReclaimDelete
	if sc.ReclaimPolicy != nil {
		reclaim = *sc.ReclaimPolicy
	}
	hostPathType := corev1.HostPathDirectoryOrCreate
	pv := &corev1.PersistentVolume{
		ObjectMeta: metav1.ObjectMeta{
			Name:        name,
			Annotations: map[string]string{annProvisionedBy: provisionerName},
		},
		Spec: corev1.PersistentVolumeSpec{
			Capacity:                      corev1.ResourceList{corev1.ResourceStorage: size},
			AccessModes:                   pvc.Spec.AccessModes,
			PersistentVolumeReclaimPolicy: reclaim,
			StorageClassName:              sc.Name,
			VolumeMode:                    pvc.Spec.VolumeMode,
			MountOptions:                  sc.MountOptions,
			ClaimRef: &corev1.ObjectReference{
				Kind: "PersistentVolumeClaim", APIVersion: "v1",
				Namespace: pvc.Namespace, Name: pvc.Name, UID: pvc.UID,
				ResourceVersion: pvc.ResourceVersion,
			},
			PersistentVolumeSource: corev1.PersistentVolumeSource{
				HostPath: &corev1.HostPathVolumeSource{
					Path: fmt.Sprintf("%s/%s_%s_%s", volumeDir, name, pvc.Namespace, pvc.Name),
					Type: &hostPathType,
				},
			},
		},
	}
	if node != "" {
		pv.Spec.NodeAffinity = &corev1.VolumeNodeAffinity{Required: &corev1.NodeSelector{
			NodeSelectorTerms: []corev1.NodeSelectorTerm{{MatchExpressions: []corev1.NodeSelectorRequirement{{
				Key: "kubernetes.io/hostname", Operator: corev1.NodeSelectorOpIn, Values: []string{node},
			}}}},
		}}
	}
	_, err = c.client.CoreV1().PersistentVolumes().Create(ctx, pv, metav1.CreateOptions{})
	if apierrors.IsAlreadyExists(err) {
		return nil
	}
	if err == nil {
		log.Printf("provisioned %s for %s/%s on %q", name, pvc.Namespace, pvc.Name, node)
	}
	return err
}

func (c *controller) syncVolume(ctx context.Context, name string) error {
	obj, exists, err := c.pvs.GetByKey(name)
	if err != nil || !exists {
		return err
	}
	pv := obj.(*corev1.PersistentVolume)
	if pv.Annotations[annProvisionedBy] != provisionerName || pv.DeletionTimestamp != nil {
		return nil
	}
	if pv.Status.Phase != corev1.VolumeReleased || pv.Spec.PersistentVolumeReclaimPolicy != corev1.PersistentVolumeReclaimDelete {
		return nil
	}
	err = c.client.CoreV1().PersistentVolumes().Delete(ctx, name, metav1.DeleteOptions{})
	if apierrors.IsNotFound(err) {
		return nil
	}
	if err == nil {
		log.Printf("deleted released %s", name)
	}
	return err
}
