// Command course-cluster-helper holds the small Go helpers of scripts/cluster/cluster.sh:
//
//	course-cluster-helper pv-provisioner --kubeconfig FILE   (also finishes pod deletions kwok missed)
//	course-cluster-helper crds --catalog crd-catalog.json --out DIR
package main

import (
	"fmt"
	"os"
)

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	switch os.Args[1] {
	case "pv-provisioner":
		runPVProvisioner(os.Args[2:])
	case "crds":
		if err := runCRDs(os.Args[2:]); err != nil {
			fmt.Fprintf(os.Stderr, "crds: %v\n", err)
			os.Exit(1)
		}
	default:
		usage()
	}
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: course-cluster-helper <pv-provisioner|crds> [flags]")
	os.Exit(2)
}
