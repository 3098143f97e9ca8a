// Package pulumicloud exports types, functions, subpackages for provisioning pulumicloud resources.
package pulumicloud
