package main

import (
	"context"
	"log"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
)

// reapStuckPods finishes pod deletions that kwok missed. On a real node the
// kubelet keeps retrying until a terminating pod is gone; kwok acts once per
// watch event, and under load it occasionally drops one, leaving a pod
// Terminating forever (seen in the Day 3 StatefulSet restart step). Pods whose
// grace period has passed by more than `slack` are force-deleted, the same end
// state a kubelet reaches.
func reapStuckPods(ctx context.Context, client kubernetes.Interface, every, slack time.Duration) {
	ticker := time.NewTicker(every)
	defer ticker.Stop()
	zero := int64(0)
	for {
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
		}
		pods, err := client.CoreV1().Pods("").List(ctx, metav1.ListOptions{})
		if err != nil {
			continue
		}
		for i := range pods.Items {
			pod := &pods.Items[i]
			if pod.DeletionTimestamp == nil || len(pod.Finalizers) > 0 {
				continue
			}
			grace := time.Duration(0)
			if pod.DeletionGracePeriodSeconds != nil {
				grace = time.Duration(*pod.DeletionGracePeriodSeconds) * time.Second
			}
			// deletionTimestamp is already "requested time + grace period".
			if time.Since(pod.DeletionTimestamp.Add(-grace)) < slack {
				continue
			}
			err := client.CoreV1().Pods(pod.Namespace).Delete(ctx, pod.Name, metav1.DeleteOptions{
				GracePeriodSeconds: &zero,
				Preconditions:      &metav1.Preconditions{UID: &pod.UID},
			})
			if err == nil {
				log.Printf("reaper: finished the deletion of pod %s/%s that kwok left terminating", pod.Namespace, pod.Name)
			}
		}
	}
}
